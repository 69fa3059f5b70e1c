"""One conversation turn, the way every message travels: turn.py (the entry point private chats, family
groups and the console call), safety.py (the rules that decide which messages come first), buttons.py (the
buttons under the messages, as data). Imports content rendering and the Rasa client, never Telegram."""
