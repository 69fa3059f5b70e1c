"""The Telegram front end (python-telegram-bot): commands, buttons, and replies rendered from content/."""
