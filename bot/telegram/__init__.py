"""The Telegram front end (python-telegram-bot): app.py registers the handlers, runner.py starts the bot,
context.py gives every handler its services (content, storage, the Rasa client, the user's settings).
Handler modules are thin: they turn an update into a call of the dialogue turn, storage or content and
send what comes back. Nothing outside this package and the command line imports it.
"""
