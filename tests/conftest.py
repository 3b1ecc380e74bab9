"""Settings for the whole test run."""

from sanic import Sanic

# Several channel tests start a Sanic app in one pytest process. Sanic 21.12 rewrites some of
# its own methods when an app starts ("touch-up"), and a second app then fails to start
# (KeyError in sanic/touchup/schemes/ode.py) unless test mode keeps the original methods.
Sanic.test_mode = True
