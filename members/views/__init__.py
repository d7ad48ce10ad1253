"""Pages of the members app. Thin: check permission, call a QuerySet method or a service, render."""
