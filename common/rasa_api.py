"""How the bot proves itself to the Rasa server it talks to (rasa run --auth-token).

The token reaches a Rasa process the bot starts in this environment variable (rasa_addons/launch.py), and
every request carries it in the query as Rasa's API expects (`?token=`); the turn channel checks it too,
as Rasa leaves channel endpoints open (rasa_addons/turn_channel.py).
"""

AUTH_TOKEN_ENV = "RASA_AUTH_TOKEN"
TOKEN_PARAMETER = "token"
