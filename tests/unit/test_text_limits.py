from bot.text_limits import TELEGRAM_MESSAGE_LIMIT, split_html, split_message


def test_short_text_is_one_message():
    assert split_message("Stop paying now.") == ["Stop paying now."]


def test_long_text_is_split_after_sentences_within_the_limit():
    sentence = "Call your bank to freeze the transfer. "
    text = sentence * 300  # about 11,700 characters
    pieces = split_message(text)
    assert len(pieces) == 3
    assert all(len(p) <= TELEGRAM_MESSAGE_LIMIT for p in pieces)
    assert all(p.endswith("transfer.") for p in pieces)
    assert "".join(p + " " for p in pieces).split() == text.split()


def test_chinese_sentences_split_on_chinese_full_stops():
    text = "马上打银行电话冻结转账。" * 500
    pieces = split_message(text, limit=1000)
    assert all(len(p) <= 1000 and p.endswith("。") for p in pieces)
    assert "".join(pieces) == text


def test_one_endless_sentence_is_cut_at_a_space_or_hard_at_the_limit():
    pieces = split_message("word " * 2000, limit=100)
    assert all(len(p) <= 100 for p in pieces)
    assert " ".join(pieces).split() == ["word"] * 2000
    assert all(len(p) == 100 for p in split_message("x" * 1000, limit=100))


def test_a_cut_inside_bold_text_closes_and_reopens_the_tag():
    text = "<b>" + "Call your bank now. " * 10 + "</b> Keep the evidence."
    pieces = split_html(text, limit=60)
    assert len(pieces) > 2
    for piece in pieces:
        assert piece.count("<b>") == piece.count("</b>")
    assert pieces[0].startswith("<b>Call") and pieces[0].endswith("</b>")
    assert pieces[1].startswith("<b>Call")
    assert pieces[-1].endswith("Keep the evidence.")
