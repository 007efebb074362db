import os

from django.core.wsgi import get_wsgi_application

from config.scheduler import start_if_wanted

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
# `make run` (runserver loads this module) has no broker and no beat: the periodic jobs then
# run in this process (config.scheduler). Never with REDIS_URL set, nor with DEBUG off.
start_if_wanted()
