"""The bot process (.venv, Python 3.11): Telegram front end, the conversation turn, content, storage, and the
command line (`python -m bot`).

Packages, in the order a message meets them: telegram/ (handlers), dialogue/ (the one turn and its safety
rules), content/ (loading, checking and rendering content/), storage/ (the database). Modules beside them:
cli.py and the commands it runs (classify.py, console.py, training.py, stats/), the Rasa client and the
Rasa server it may start (rasa_client.py, rasa_server.py), config.py (settings from the environment),
user_text.py, language.py, text_limits.py, risk.py, group_watch.py, broadcast.py.
Only telegram/ and the command line import python-telegram-bot; nothing here is imported by the Rasa side.
"""
