"""Code both environments import: the bot (.venv, Python 3.11) and the Rasa process (.venv-rasa, Python 3.10).

Python >= 3.10. It imports nothing from bot/ or Rasa, only the standard library and OpenCC (in both lock
files), so the Rasa process never loads the bot. What lives here:
- labels.py: the scam types and how Rasa's intents map onto them;
- text_normalise.py: one spelling per word (Traditional -> Simplified Chinese, full-width -> ASCII);
- risk_signals.py: money, codes, card details or control of a phone gone; about to pay; threats; genuine
  warnings; "recovery" offers;
- sqlite_pragmas.py: how every SQLite connection is set up.
"""

PYTHON_REQUIRES = ">=3.10"
