"""Code the Rasa server loads (its own environment, .venv-rasa, Python 3.10); named in config.yml,
credentials.yml and endpoints.yml.

- nlu/: the NLU pipeline's components (Chinese normalisation, TF-IDF intent classifier, money status, at-risk
  writer, risk signals);
- turn_channel.py: one HTTP round trip per turn (the parse and the dialogue's replies together);
- tracker_store.py: conversation history in SQL that forgets a user on /forget.
- launch.py: Rasa's command line as the bot starts it (skops first, the API token for `run`);
- entity_validation.py: Rasa's check of annotated training examples, with its JSON schema compiled once.

It may import `common` (Python >= 3.10) and Rasa, never `bot` (Python 3.11, the bot's libraries).
"""
