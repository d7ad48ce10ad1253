from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngn_portal.settings")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, their modules) lives as long as the process: moved out of the
# collector's generations, it is no longer walked by every full collection during requests (and, in forked
# workers, no longer written to by it). bench/pages.py does the same, so that it measures what serves.
gc.freeze()
