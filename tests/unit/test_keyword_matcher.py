"""The keyword-matcher baseline of the pipeline benchmark (bench/keyword_matcher.py): pure Python, no Rasa.

Messages here are written for these tests, not taken from the held-out files.
"""

import pytest

from bench.keyword_matcher import KEYWORDS, classify, keyword_hits, money_sent
from common.labels import LABELS, NONE, SCAM_TYPES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("有个老师把我拉进炒股群，天天免费荐股，群友都在晒收益", "stock_lecturer"),
        ("A man in my WeChat group gives free stock tips and says his picks are inside information", "stock_lecturer"),
        ("贷款审批通过了，但是说我卡号填错了资金被冻结，要先交解冻费", "loan_unfreeze_fee"),
        ("The loan app says my funds are frozen and I must pay an unfreezing fee first", "loan_unfreeze_fee"),
        ("网恋女朋友一直没见过面，她让我在直播间刷礼物", "dating_recharge"),
        ("My online girlfriend wants me to recharge on a dating app to unlock her private photos", "dating_recharge"),
        ("自称淘宝客服，说我买的东西有质量问题要双倍退款，让我下载会议软件共享屏幕", "fake_customer_service"),
        ("Customer service knew my order number and offered a refund if I share my screen",
         "fake_customer_service"),
        ("网上兼职刷单，先垫付再返佣金", "part_time_brushing"),
        ("A part-time job liking videos, they paid a small commission and now want me to prepay a combo order",
         "part_time_brushing"),
        ("自称公安局警官，说我涉嫌洗钱，要把钱转到安全账户", "impersonation_official"),
        ("A police officer on video said I am involved in money laundering and must move my savings to a safe account",
         "impersonation_official"),
        ("领导换了新号加我微信，说在开会急用钱", "impersonation_acquaintance"),
        ("【某快递】您的包裹地址不详，请点击链接补填", "phishing"),
        ("He said my computer has a virus and asked me to install AnyDesk", "remote_access"),
        ("说我的征信有问题，要注销学生账户", "fake_credit_repair"),
        ("The buyer of my game account sent me to a trading platform that wants a deposit", "fake_trade"),
        ("You have won a prize in our lucky draw, pay the processing fee to claim it", "other_scam"),
    ],
)  # fmt: skip
def test_each_scam_type_is_recognised_from_its_own_words(text, expected):
    assert classify(text)["scam_type"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "妈，晚上回家吃饭吗？我买了排骨",
        "明天降温了，记得给爸爸多穿件衣服",
        "Happy birthday grandma! See you on Sunday",
        "Did you take your blood pressure pills this morning?",
        "",
    ],
)
def test_ordinary_family_messages_are_none_with_no_confidence(text):
    assert classify(text) == {"scam_type": NONE, "confidence": 0.0, "money_sent": None}


def test_result_has_the_shape_the_benchmark_scores():
    result = classify("Free stock tips from a stranger")
    assert set(result) == {"scam_type", "confidence", "money_sent"}
    assert result["scam_type"] in LABELS
    assert 0.0 < result["confidence"] <= 1.0


def test_matching_ignores_case_and_full_width_letters():
    assert classify("FREE STOCK TIPS")["scam_type"] == "stock_lecturer"
    assert classify("ＳＴＯＣＫ tips from a stranger")["scam_type"] == "stock_lecturer"


def test_most_hits_win_and_confidence_is_the_winners_share():
    # "police" (impersonation) once; loan, unfreezing fee, frozen (loan) three times.
    text = "The loan app said my money is frozen and the police will come unless I pay the unfreezing fee"
    hits = keyword_hits(text)
    assert hits["impersonation_official"] == 1 and hits["loan_unfreeze_fee"] == 3
    assert classify(text) == {"scam_type": "loan_unfreeze_fee", "confidence": 0.75, "money_sent": None}


def test_a_tie_goes_to_the_type_listed_first_and_other_scam_last():
    # One keyword each: "police" (impersonation_official) and "urgent" (other_scam).
    assert classify("police urgent")["scam_type"] == "impersonation_official"
    assert classify("urgent police")["scam_type"] == "impersonation_official"
    assert classify("股票 贷款")["scam_type"] == "stock_lecturer"


@pytest.mark.parametrize(
    "text",
    [
        "I already transferred 5000 to the account they gave me",
        "I've paid the fee and the loan still hasn't arrived",
        "I sent him 2000 yuan yesterday",
        "我已经转了五千块",
        "解冻费交了三次，钱还是提不出来",
        "我给他转过去两万",
    ],
)
def test_already_paid_is_money_sent_true(text):
    assert money_sent(text) is True
    assert classify(text)["money_sent"] is True


@pytest.mark.parametrize(
    "text",
    [
        "I haven't paid anything yet",
        "I haven't sent him the money, should I?",
        "I'm about to transfer the deposit",
        "他让我交保证金，我还没转",
        "我准备转钱过去，要不要转？",
    ],
)
def test_not_yet_or_about_to_pay_is_money_sent_false(text):
    assert money_sent(text) is False


def test_paid_earlier_wins_over_not_yet_for_a_second_payment():
    assert money_sent("I already paid 3000, they want 5000 more and I haven't paid that") is True
    assert money_sent("已经转了三千，又让我交五千，我还没交") is True


def test_money_not_mentioned_is_none():
    assert money_sent("Someone offered me free stock tips") is None
    assert money_sent("有人说免费教炒股") is None


def test_every_scam_type_has_chinese_and_english_keywords_in_lower_case():
    assert set(KEYWORDS) == set(SCAM_TYPES)
    for words in KEYWORDS.values():
        assert any(w.isascii() for w in words) and any(not w.isascii() for w in words)
        assert all(w == w.lower() and w.strip() == w and w for w in words)
