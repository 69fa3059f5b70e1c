"""How the bot proves itself to the Rasa server it talks to (rasa run --auth-token), and ties a server it
starts to its own life.

The token reaches a Rasa process the bot starts in this environment variable (rasa_addons/launch.py), and
every request carries it in the query as Rasa's API expects (`?token=`); the turn channel checks it too,
as Rasa leaves channel endpoints open (rasa_addons/turn_channel.py).
"""

AUTH_TOKEN_ENV = "RASA_AUTH_TOKEN"
# The bot's process id, given to a Rasa server it starts: the server ends when the bot does.
PARENT_PID_ENV = "RASA_PARENT_PID"
TOKEN_PARAMETER = "token"

# How many days a Rasa server keeps what users wrote (its tracker store's events), given by the bot that starts
# it (rasa_addons/tracker_store.py deletes older events).
RETENTION_ENV = "CONVERSATION_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30
