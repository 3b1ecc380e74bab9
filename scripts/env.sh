# Environment shared by the run, test and bench scripts (sourced, not executed).
export RASA_TELEMETRY_ENABLED=false     # no network at run time
export SANIC_ACCESS_LOG=false           # access logs would hold IP addresses
export TF_CPP_MIN_LOG_LEVEL=2
export TF_ENABLE_ONEDNN_OPTS=0
export PYTHONHASHSEED=0
export FIRSTCONTACT_MODEL="${FIRSTCONTACT_MODEL:-models/firstcontact.tar.gz}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
