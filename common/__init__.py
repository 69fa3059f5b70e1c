"""Code both environments import: the bot (.venv, Python 3.11) and the Rasa process (.venv-rasa, Python 3.10).

Python >= 3.10. It imports nothing from bot/ or Rasa, only the standard library and OpenCC (in both lock
files), so the Rasa process never loads the bot. What lives here:
- labels.py: the scam types and how Rasa's intents map onto them;
- text_normalise.py: one spelling per word (Traditional -> Simplified Chinese, full-width -> ASCII);
- risk_signals/: money, codes, card details or control of a phone gone; about to pay; threats; genuine
  warnings; "recovery" offers (word patterns, and the function that finds them);
- at_risk.py: whether the writer speaks for someone else at risk (a relative writing for a parent);
- sqlite_pragmas.py: how every SQLite connection is set up;
- evaluation.py: scores for a classifier on a labelled file (the tests and the Rasa-side pipeline benchmark);
- rasa_api.py: the token that protects the Rasa server's HTTP API, and how it is passed.
"""

PYTHON_REQUIRES = ">=3.10"
