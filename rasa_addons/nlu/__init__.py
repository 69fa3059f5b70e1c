"""Custom Rasa NLU components, named in config.yml and run by the Rasa server (.venv-rasa, Python 3.10).
They import Rasa, scikit-learn and `common`, never `bot`.
"""
