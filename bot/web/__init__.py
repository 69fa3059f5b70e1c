"""The trainers' web console (issue 18): content edited in forms as a per-trainer draft, previewed as Telegram
shows it, published through the same checked, versioned swap as a Telegram upload; versions and rollback;
statistics as charts and CSV. Sign-in is by a one-time link the bot sends on /console.

- app.py: the Starlette app, its routes and security headers; server.py: serving it with uvicorn, alone
  (`python -m bot console`) or inside the bot's event loop (`python -m bot run` with CONSOLE_PORT);
- services.py: what the pages use (database, live content, versions, drafts, the clock);
- pages.py: the signed-in guard, the CSRF check of every POST, rendering in the trainer's language;
  auth.py: the login link and signing out; csrf.py: the per-session form token; words.py: the console's words,
  from content/trainer_messages.yml;
- drafts.py: each trainer's draft copy of content/, edited with ruamel.yaml's round trip; forms.py: which YAML
  paths a page edits and writing a form back; problems.py: the content check's problems beside their fields;
  list_items.py: new items (cases, warning signs, red flags, stop-loss steps, numbers, ways of paying, quiz
  questions) and removing them; yaml_lists.py: adding or removing a list entry with the file's blank lines and
  comments kept;
- content_pages.py: the edit pages (a remove button posts there too); item_pages.py: the add pages; preview.py
  and preview_pages.py: the messages as a Telegram user sees them; publish.py: publishing, versions, rollback;
  stats.py: charts and CSV of the anonymous statistics.

Imports content/, storage/, stats/ and config; never telegram/ or dialogue/ (telegram/ starts it).
"""
