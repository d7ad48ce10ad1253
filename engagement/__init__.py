"""The mailroom: an outbox that sends each email once, retries what can be retried, and respects preferences.

Apps register kinds in ``<app>/reminders.py`` (``engagement.registry``) and queue mail with
``engagement.services.email_enqueue``. The scan (beat, every 15 minutes, or ``manage.py run_reminders``) asks each
reminder kind what is due; workers claim rows with a conditional UPDATE and send them over SMTP; the database
records what was sent. The app knows no domain app.
"""
