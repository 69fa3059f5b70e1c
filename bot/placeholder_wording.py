"""Minimal wording for the semantic replies until content/ takes over (issue 3)."""

from __future__ import annotations

from bot.rasa_client import BotReply

_WORDING = {
    "en": {
        "ask_money": "This looks like a {scam} scam. Have you already sent money or codes? (yes / no / not sure)",
        "stop_loss": "Stop paying now. Call your bank to freeze the transfer, call 110 / 96110, keep all evidence.",
        "warning": "Warning: this is how a {scam} scam works.",
        "case": "A real case of a {scam} scam.",
        "checklist": "Warning signs of a {scam} scam.",
        "prevention": "Do not pay anything. Verify through official channels.",
        "ask_details": "Please tell me what happened.",
        "clarify": "I am not sure I understood. Which of these is closest to what happened?",
        "not_scam": "I see no sign of a scam in this.",
        "report": "To report fraud: call 110 or the 96110 anti-fraud hotline.",
        "greet": "Hello! Tell me what is happening and I will check it for scams.",
        "goodbye": "Goodbye, stay safe.",
        "you_are_welcome": "You are welcome.",
        "capabilities": "I recognise scams from what you describe and tell you what to do.",
        "out_of_scope": "I can only help with possible scams: tell me what is happening.",
    },
    "zh": {
        "ask_money": "这像是{scam}诈骗。您已经转钱或提供验证码了吗？（是 / 没有 / 不确定）",
        "stop_loss": "马上停止付款，立即打银行电话冻结转账，拨打110或96110，保留所有证据。",
        "warning": "警告：{scam}诈骗是这样运作的。",
        "case": "一个{scam}诈骗的真实案例。",
        "checklist": "{scam}诈骗的危险信号。",
        "prevention": "不要付任何钱，通过官方渠道核实。",
        "ask_details": "请告诉我发生了什么。",
        "clarify": "我不太确定您的意思。下面哪种情况最接近？",
        "not_scam": "这里没有看到诈骗的迹象。",
        "report": "报警请拨打110，反诈热线96110。",
        "greet": "您好！告诉我发生了什么，我帮您看看是不是诈骗。",
        "goodbye": "再见，注意安全。",
        "you_are_welcome": "不客气。",
        "capabilities": "我能根据您的描述识别诈骗，并告诉您该怎么做。",
        "out_of_scope": "我只能帮您识别诈骗：请告诉我发生了什么。",
    },
}


def render(reply: BotReply, language: str) -> list[str]:
    wording = _WORDING[language].get(reply.kind, _WORDING[language]["clarify"])
    return [f"[{reply.kind}] " + wording.format(scam=reply.scam_type or "?")]
