"""The names of the trainers' texts the web console shows (bot/web/templates/) and of the bot's replies to
/console and /console_logout, all in content/trainer_messages.yml; schema.check_trainer_messages requires each,
in every language, so a page never meets a missing word."""

CONSOLE_MESSAGES = (
    "trainer_console_link", "trainer_console_logged_out", "console_title", "console_nav_content", "console_nav_preview",
    "console_nav_publish", "console_nav_history", "console_nav_stats", "console_sign_out", "console_signed_in",
    "console_login_title", "console_login_button", "console_login_refused", "console_login_needed",
    "console_signed_out", "console_csrf_refused", "console_not_found", "console_scams", "console_regions",
    "console_quiz", "console_draft_none", "console_draft_files", "console_save", "console_saved",
    "console_nothing_changed", "console_not_saved", "console_one_per_line", "console_show_preview", "console_lang_en",
    "console_lang_zh", "console_audience_standard", "console_audience_elderly", "console_part_name",
    "console_part_warning", "console_part_how_it_works", "console_part_cases", "console_part_checklist",
    "console_part_red_flags", "console_part_prevention", "console_part_stop_loss", "console_part_date",
    "console_part_place", "console_part_amount", "console_part_story", "console_part_sign", "console_part_why",
    "console_part_phrases", "console_part_checklist_id", "console_part_numbers", "console_part_number",
    "console_part_web", "console_part_label", "console_part_source_url", "console_part_stop_payment",
    "console_part_payment_methods", "console_part_method", "console_part_step", "console_part_bank",
    "console_part_report_online", "console_part_genuine_warnings", "console_part_verify", "console_part_evidence",
    "console_part_questions", "console_part_message", "console_part_explanation", "console_part_answer",
    "console_answer_look_alike", "console_source_confirm", "console_number_needs_source", "console_preview_title",
    "console_kind", "console_kind_story", "console_scam_type", "console_audience", "console_region", "console_paid",
    "console_show", "console_message_number", "console_preview_broken", "console_showing_draft", "console_showing_live",
    "console_buttons", "console_quiz_asked", "console_quiz_answered", "console_publish_title", "console_publish_button",
    "console_discard_button", "console_discarded", "console_no_changes", "console_publish_refused",
    "console_problems_elsewhere", "console_conflict", "console_published", "console_go_to_field", "console_col_version",
    "console_col_when", "console_col_by", "console_col_summary", "console_live", "console_by_nobody",
    "console_show_diff", "console_rollback_button", "console_rolled_back", "console_not_rolled_back",
    "console_version_title", "console_no_diff", "console_days", "console_download_csv", "console_chart_by_language"
)  # fmt: skip
