"""The safety rules of one turn (bot/dialogue/safety.py), given what the NLU and the dialogue made of a message:
which messages come first. (tests/model/test_advice_safety.py checks the same through the real Rasa server.)"""

from __future__ import annotations

from bot.dialogue.safety import plan_group_message, plan_turn
from bot.rasa_client import BotReply, DialogueTurn, Parse


def turn(
    intent: str,
    replies: list[tuple[str, str | None, str | None]],
    signals: tuple[str, ...] = (),
    before: tuple[str, ...] = (),
    at_risk: str | None = None,
    confidence: float = 0.9,
) -> DialogueTurn:
    scam_type = intent if intent.endswith(("_scam", "_lecturer", "_fee", "_recharge", "_service", "_brushing",
                                            "_official", "sextortion")) else "none"  # fmt: skip
    parse = Parse(scam_type, confidence, None, intent, signals, confidence, at_risk)
    return DialogueTurn(parse, tuple(BotReply(k, s, m) for k, s, m in replies), frozenset(before))


def kinds(dialogue: DialogueTurn) -> tuple[str, ...]:
    return plan_turn(dialogue).kinds


def test_money_gone_with_an_unknown_scam_gets_the_generic_stop_loss_path_not_the_menu():
    plan = plan_turn(turn("nlu_fallback", [("clarify", None, None)], signals=("money_sent",)))
    assert plan.steps[0].kind == "stop_loss" and plan.steps[0].scam_type is None
    assert plan.kinds == ("stop_loss", "ask_details")  # then "tell me what happened", never the menu


def test_a_code_given_is_money_gone_and_the_money_question_is_not_asked_again():
    replies = [("stop_now", "fake_customer_service", "not_said"), ("ask_money", "fake_customer_service", "not_said")]
    assert kinds(turn("fake_customer_service", replies, signals=("code_shared",))) == (
        "stop_loss", "warning", "case", "checklist",
    )  # fmt: skip


def test_a_later_is_that_alright_after_a_code_was_given_still_gets_the_stop_loss_path():
    dialogue = turn("not_scam", [("how_to_check", None, None)], before=("code_shared",))
    assert kinds(dialogue)[0] == "stop_loss"


def test_done_after_a_request_for_the_code_is_the_code_given():
    dialogue = turn("nlu_fallback", [("clarify", None, None)], signals=("did_it",), before=("code_requested",))
    assert kinds(dialogue)[0] == "stop_loss"


def test_a_request_and_i_did_it_in_one_message_is_the_code_given():
    dialogue = turn("nlu_fallback", [("clarify", None, None)], signals=("code_requested", "did_it"))
    assert kinds(dialogue)[0] == "stop_loss"


def test_an_intimate_image_of_the_writer_is_stop_now_even_when_the_model_reads_everyday_life():
    dialogue = turn("not_scam", [("how_to_check", None, None)], signals=("intimate_image",), confidence=0.43)
    assert kinds(dialogue)[0] == "stop_now"
    # Reading about such images is learning, not blackmail.
    article = turn("not_scam", [("how_to_check", None, None)], signals=("intimate_image", "educational"))
    assert kinds(article)[0] != "stop_now"


def test_about_to_pay_gets_stop_now_first_but_not_for_money_to_a_brother_in_person():
    on_the_way = turn("nlu_fallback", [("clarify", None, None)], signals=("about_to_pay",))
    assert kinds(on_the_way)[0] == "stop_now"
    to_a_brother = turn("not_scam", [("how_to_check", None, None)], signals=("about_to_pay",), before=("in_person",))
    assert kinds(to_a_brother) == ("how_to_check",)


def test_a_follow_up_the_model_cannot_place_in_a_scam_conversation_gets_stop_now_not_a_menu():
    dialogue = turn("nlu_fallback", [("clarify", "other_scam", "not_said")])
    assert kinds(dialogue) == ("stop_now",)


def test_a_genuine_warning_is_said_to_be_real_but_never_beside_what_fake_officials_say():
    named = turn("official_warning", [("intervention", None, None)], signals=("official_warning",))
    assert kinds(named) == ("intervention",)
    contact = turn("not_scam", [("how_to_check", None, None)], signals=("official_contact",))
    assert kinds(contact) == ("intervention",)
    weak_guess = turn("official_warning", [("intervention", None, None)], confidence=0.4)
    assert kinds(weak_guess) == ("how_to_check",)
    fake = turn("official_warning", [("intervention", None, None)], signals=("official_contact", "impersonation_cue"))
    assert "intervention" not in kinds(fake)
    asks_for_money = turn("official_warning", [("intervention", None, None)], signals=("payment_requested",))
    assert kinds(asks_for_money)[0] == "stop_now" and "intervention" not in kinds(asks_for_money)


def test_police_asking_for_a_statement_at_the_station_is_genuine_but_not_beside_a_demand():
    station = turn("nlu_fallback", [("clarify", None, None)], signals=("impersonation_cue", "station_visit"))
    assert kinds(station)[0] == "intervention"
    demand = turn("nlu_fallback", [("clarify", None, None)], signals=("station_visit", "payment_requested"))
    assert "intervention" not in kinds(demand)


def test_money_gone_despite_a_warning_gets_the_stop_loss_path_then_the_warning_is_real():
    dialogue = turn("official_warning", [("intervention", None, "paid")], signals=("official_warning", "money_sent"))
    assert kinds(dialogue)[:2] == ("stop_loss", "intervention")


def test_sextortion_and_recovery_offers_always_start_with_stop():
    for scam in ("sextortion", "recovery_scam"):
        replies = [("warning", scam, "not_paid"), ("case", scam, "not_paid"), ("checklist", scam, "not_paid")]
        assert kinds(turn(scam, replies))[0] == "stop_now"


def test_a_relative_gets_help_for_a_helper_instead_of_steps_for_a_victim():
    replies = [("stop_loss", "stock_lecturer", "paid"), ("warning", "stock_lecturer", "paid")]
    plan = plan_turn(turn("stock_lecturer", replies, signals=("money_sent",), at_risk="relative"))
    assert plan.kinds[0] == "relative_help" and plan.steps[0].money_gone
    assert "stop_loss" not in plan.kinds and plan.relative


def test_a_relative_gets_helper_advice_only_when_there_is_something_to_worry_about():
    # "My dad claimed his vouchers on the official site" ... "can he use them at the kopitiam?"
    calm = turn("nlu_fallback", [("clarify", None, None)], at_risk="relative", confidence=0.3)
    assert "relative_help" not in plan_turn(calm).kinds
    # "my mum is in a teacher's investment group" ... "she won't listen to me"
    scam_talk = turn("nlu_fallback", [("clarify", "stock_lecturer", None)], at_risk="relative", confidence=0.3)
    assert plan_turn(scam_talk).kinds[0] == "relative_help"
    # "my father in law chats every day with a woman he met on a game app"
    stranger = turn("not_scam", [("how_to_check", None, None)], signals=("online_stranger",), at_risk="relative")
    assert plan_turn(stranger).kinds[0] == "relative_help"


def test_a_weak_scam_guess_after_the_user_chose_an_official_store_app_is_how_to_check_not_an_accusation():
    # "I bought a subscription through the App Store" ... "can I get a refund?"
    weak = turn("dating_recharge", [("stop_now", "dating_recharge", None), ("ask_money", "dating_recharge", None)],
                before=("official_app",), confidence=0.45)  # fmt: skip
    assert kinds(weak) == ("how_to_check",)
    asked = turn("dating_recharge", [("ask_money", "dating_recharge", None)], signals=("payment_requested",),
                 before=("official_app",), confidence=0.45)  # fmt: skip
    assert kinds(asked)[0] == "stop_now"  # asked for money: never explained away


def test_what_a_talk_taught_is_not_a_fake_officials_words():
    # "went to a police talk" ... "she said banks never ask you to move money to a safe account"
    lesson = turn("nlu_fallback", [("clarify", None, None)], signals=("impersonation_cue",), before=("educational",))
    assert "stop_now" not in kinds(lesson)
    call = turn("nlu_fallback", [("clarify", None, None)], signals=("impersonation_cue",))
    assert kinds(call)[0] == "stop_now"  # the same words with no talk before: a fake official's


def test_no_red_flag_is_never_reassurance_but_how_to_check():
    assert kinds(turn("not_scam", [("how_to_check", None, None)])) == ("how_to_check",)


def test_thanks_after_the_stop_loss_path_does_not_repeat_it():
    assert kinds(turn("thank", [("you_are_welcome", None, "paid")], before=("money_sent",))) == ("you_are_welcome",)


def test_in_a_family_group_a_genuine_warning_is_never_called_a_scam():
    warning = Parse("impersonation_official", 0.95, None, "impersonation_official", ("official_warning",), 0.95)
    assert plan_group_message(warning, red_flags=2, sensitivity="loud", asked=False).kinds == ()
    assert plan_group_message(warning, red_flags=2, sensitivity="loud", asked=True).kinds == ("intervention",)


def test_a_recovery_offer_from_an_anti_fraud_centre_or_police_is_never_a_genuine_warning():
    replies = [("stop_now", "recovery_scam", "not_said"), ("ask_money", "recovery_scam", "not_said")]
    offer = turn("recovery_scam", replies, signals=("official_contact", "recovery_offer"))
    assert kinds(offer)[0] == "stop_now" and "intervention" not in kinds(offer)
