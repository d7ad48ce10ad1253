# No tables: ngn_portal wires the apps together. This module exists so that post_migrate reaches it.
