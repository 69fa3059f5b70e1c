"""Trainer-editable content (content/): model.py (what loaded content is), loader.py (reading and checking
every file, all or nothing, with file:line: reason), schema.py (the rules per file), render.py (a reply for
a reader), store.py (the live content and its hot reload), versions/ (uploads, versions, rollback), quiz.py,
reassurance.py (wording the bot must never use), template_text.py (no template syntax in texts),
console_words.py (the names of the web console's words). Imports only `common` and small bot helpers, never
storage/, dialogue/ or telegram/.
"""
