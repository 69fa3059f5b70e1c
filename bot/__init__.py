"""Anti-fraud education chatbot: the bot process (CLI, Rasa client, rendering, Telegram front end)."""
