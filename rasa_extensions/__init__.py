"""Code that runs inside the Rasa server (its own environment, Python 3.10), beside nlu_components/."""
