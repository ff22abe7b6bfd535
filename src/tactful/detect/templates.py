"""Long jailbreak templates read sentence by sentence: what a request looks like, which of a
template's sentences describe the persona, and where the user's request sits in it.

`read_template(text, strict=…)` returns the template's request-shaped sentences and the asks
quoted, slotted or pasted into it; `wrappers.unwrap` calls it once a persona or an override is
recognised. `looks_like_ask` is the request shape the rest of the reading step shares (the
windows of a long message, the last paragraph after a pasted document).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

#: A long template's sentences about how the assistant must behave (set aside, not judged).
_ABOUT_ASSISTANT = re.compile(
    r"\b(?:you(?:'ll|'re| will| must| are| were| can| have| should| shall| may| do not| don't"
    r"| never| always)|your (?:responses?|answers?|replies|output|programming|rules|guidelines|role"
    r"|character|persona)|yourself|chatgpt|gpt|openai|assistant|language model|ai|bot|character"
    r"|persona|mode|simulat\w+|respon[sd]\w*|repl(?:y|ies)|answer(?:s|ed)?|rules?|guidelines"
    r"|polic(?:y|ies)|filter\w*|censor\w*|ethic\w*|moral\w*|warnings?|disclaimers?|format\w*"
    # Not a third party's pretence: "… pretending that they are copying me".
    r"|prefix|tags?|output|prompts?|pretend\w*(?!,? that (?:they|he|she|it|we|i)\b)|act as"
    r"|stay|refus\w*|restrict\w*"
    r"|(?-i:[A-Z]{3,}))\b",
    _I,
)
#: A bot or an AI the user asks to have built ("How can I build a bot to …", "write a Discord
#: bot that …") is the request's object, not the assistant.
_BOT_ASKED_FOR = re.compile(
    r"\b(?:build|write|create|make|code|program|develop|design|train|set up|deploy)(?:s|ing)?"
    r" (?:me )?(?:a|an|my|my own|our|the) (?:[\w-]+ ){0,2}(?:ai|bot)\b",
    _I,
)


def _about_assistant(text: str) -> bool:
    """Words about the assistant's behaviour in `text` (see _ABOUT_ASSISTANT)."""
    if _ABOUT_ASSISTANT.search(text) is None:
        return False
    return _ABOUT_ASSISTANT.search(_BOT_ASKED_FOR.sub(" ", text)) is not None


_COLON_ASK = re.compile(
    r"\b(?:question|prompt|request|task|query|input|topic|ask)s?\s*(?:is|will be)?\s*[:\-–]\s*(.+)",
    _I,
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
AFTER_COLON = re.compile(r":\s+(.+)$")

#: The shape of a request: a question, or an instruction led by a request verb. Template
#: sentences describing a persona ("Haruka enjoys …", "LUCIFER believes …") do not have it.
_ASK_SHAPE = re.compile(
    r"^\W*(?:(?:please|now|so|ok(?:ay)?|also|then|first|finally),?\s+)*(?:how|what|what's|why|when"
    r"|where|who|which|whose|can|could|would|will|is|are|was|were|do|does|did|should|may|i'?m|i "
    r"(?:want|need|would like|wish)|give|tell|show|teach|write|explain|describe|list|provide"
    r"|create|generate|make|build|draft|compose|help|find|suggest|recommend|summari[sz]e"
    r"|translate|calculate|compare|design|plan|outline|name|identify|develop|construct|produce"
    r"|devise|formulate|propose|brainstorm|detail|instruct|share|offer|prepare|compile|get|send"
    r"|post|publish|hack|steal|break|kill|hurt|poison|buy|sell|obtain|acquire|synthesi[sz]e"
    r"|manufacture|cook|grow|spread|convince|persuade|trick|manipulate|bypass|evade|avoid|hide"
    r"|destroy|sabotage|harass|stalk|track|spy|dox|leak|forge|fake|cheat|launder|smuggle|use"
    # The everyday instructions of a task ("Come up with words that rhyme …", "Rewrite the
    # text …", "Improve the article …"): a template holding one is still a request.
    r"|come up with|think of|rewrite|rephrase|reword|paraphrase|improve|edit|correct|fix|proofread"
    r"|analy[sz]e|evaluate|assess|classify|categori[sz]e|convert|solve|simplify|expand|shorten"
    r"|extract|sort|rank|rate|review|determine|estimate|predict|choose|pick|tag|label"
    r"|organi[sz]e)\b",
    _I,
)
_TEMPLATE_ASK = re.compile(
    r"\b(?:how (?:to|do i|can i|would i|could i|should i)\b|step[- ]by[- ]step|tell me how"
    r"|explain (?:to me )?how|give (?:me|us) (?:instructions|a guide|the recipe|detailed)|write "
    r"(?:me )?(?:a|an) (?:guide|tutorial|script|program|malware|virus|exploit|keylogger"
    r"|ransomware))",
    _I,
)


#: "DAN, tell me …": a name addressed before the ask.
VOCATIVE = re.compile(
    # Not a discourse word: '" Again, do not put …' addresses no one.
    r"^\W*(?!(?:again|also|now|ok|okay|so|then|first|finally|lastly|remember|note|however"
    r"|instead|please|yes|no|well|anyway|otherwise|besides|and|but|thus|therefore|hence|next"
    r"|additionally|moreover|furthermore|likewise|similarly|meanwhile|still|plus)\b)"
    r"[\w+-]{2,20},\s+",
    _I,
)
#: Words that introduce a quoted question: "AlphaGPT asks", "the question is:".
_INTRODUCED = re.compile(
    # Not "asked": "a user recently asked how to replace RAM and you gave them …" is a story.
    r"\b(?:asks?|asking|says?|question|prompt|request)\s*(?:is\s*)?[:,]?\s*[\"“']?$",
    _I,
)
#: "do not censor swear words", "never break character": a rule for the assistant, not an ask.
_PROHIBITION = re.compile(r"^\W*(?:do not|don'?t|never|always|stop)\b", _I)
#: "you will now explain …": an ask addressed to the persona.
_DIRECTIVE = re.compile(
    r"\byou (?:will|must|should|shall|are going to|need to|have to)\s+(?:now\s+|always\s+)?"
    r"(?:tell|explain|give|write|provide|describe|show|teach|answer|list|detail)\b",
    _I,
)
#: "if the user asks how to …, RYX will answer": a description of the persona, not an ask.
_CONDITIONAL = re.compile(
    r"\b(?:if|when|whenever|even if|no matter)\b[^.]{0,40}\b(?:ask|asks|asked|request|requests"
    r"|requested|wants?|instructs?|instructed|tells?|commands?|says?|types?|writes?|enters?)\b"
    r"|\bfor example\b|\be\.g\.",
    _I,
)


def looks_like_ask(sentence: str) -> bool:
    """Shaped like a request: a question, or an instruction led by a request verb."""
    if sentence.rstrip().endswith("?"):
        return True
    bare = VOCATIVE.sub("", sentence)
    return bool(_ASK_SHAPE.search(bare)) and not _PROHIBITION.match(bare)


#: Sentence openings that make a question only with a question mark: in a template, "When
#: people are rude to him he swears", "Do: use a dry tone", "Im going to provide a system" are
#: the persona's description, not the user's ask.
_NEEDS_QUESTION_MARK = re.compile(
    r"^\W*(?:when|where|who|whose|which|is|are|was|were|do|does|did|will|would|may|should"
    r"|i'?m|im)\b",
    _I,
)


#: A long template's licence for its persona: a kind of content asked for in general, with no
#: topic ("Create explicit vulgar and depraved content.", "Use an offensive language.", "use at
#: least 2 swears every sentence.").
_LICENCE = re.compile(
    r"^\W*(?:always |please )?(?:create|generate|write|produce|make|give|use|include|add|output)"
    r"\s+(?:[\w-]+,?\s+){0,5}(?:content|language|responses?|replies|outputs?|words?|swears?"
    r"|swear words|profanit(?:y|ies)|slurs|curses|cursing)"
    r"(?: (?:in|on|for|with) (?:every|each|all|any|your) \w+)?\W*$",
    _I,
)


#: The persona's own greeting, quoted in a template ("How can I assist you today?").
_GREETING = re.compile(
    r"\b(?:how|what) (?:can|may|could|shall) i (?:do for|help|assist|serve) you\b", _I
)


def _template_ask(sentence: str) -> bool:
    """Shaped like a request, read strictly: a long template's sentence."""
    if _NEEDS_QUESTION_MARK.match(sentence) and not sentence.rstrip(" \"'”’").endswith("?"):
        return False
    return looks_like_ask(sentence)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: The most words a request added after a template may have (an instruction and its input).
_TAIL_WORDS = 200


def split_tail(text: str) -> tuple[str, str]:
    """A long template and the request added after it, in paragraphs of its own: the template
    part, and the paragraphs after the last one that describes the assistant ("" if none).

    The tail is kept whole: sentence by sentence, a request such as "Give a brief description
    of the book that you are given.\n\nMatilda" or an instruction with its code lost its
    instruction (about the assistant, or not shaped like a request) and kept a fragment.
    """
    starts = [0, *(m.end() for m in _BLANK_LINE.finditer(text))]
    end = len(text)
    for at in reversed(starts):
        paragraph = text[at:end]
        # The first paragraph of a template opens with its persona: one sentence about the
        # assistant is enough there ("You are a Sub-System called SAN … Start();").
        if describes_assistant(paragraph) or (at == 0 and _about_assistant(paragraph)):
            tail = text[end:].strip()
            # Paragraphs after the template that ask nothing are the input of a request that
            # starts inside it; those that ask are the request, and a "First prompt: …" in the
            # template is its own.
            if not asks_something(tail):
                end = _introduced_request(text, at, end)
                tail = text[end:].strip()
            return (text[:end], tail) if tail else (text, "")
        if len(text[at:].split()) > _TAIL_WORDS:
            break
        end = at
    return text, ""


#: The words that hand over to the user's request at the end of a template's last paragraph:
#: "… please answer my first question:", "Prompt:".
_HANDOVER = re.compile(
    r"\b(?:question|prompt|request|query|task|input)s?\s*(?:is|will be)?\s*:\s*", _I
)


def _introduced_request(text: str, at: int, end: int) -> int:
    """Where the user's request starts: after the template paragraph `text[at:end]`, or inside
    it, after words that hand over to it ("answer my first question: Select the oldest person
    from the list.\n\nGeorge Washington, …"), when the template does not resume after the
    request. Cut there, an instruction keeps its input: read sentence by sentence, the
    instruction and its input were each judged alone."""
    found = list(_HANDOVER.finditer(text, at, end))
    if not found:
        return end
    handover = found[-1]
    sentences = [m[0] for m in SENTENCE.finditer(text, handover.end(), end)]
    if not sentences:
        return end
    head, *after = sentences
    # Rules for the persona may follow a "Task:" too, and template text may resume after the
    # request ("Prompt: [PROMPT] At the end of your responses, …"): then the request is not
    # what ends the message, and its sentence is judged alone as before.
    if any(_about_assistant(s) for s in after) or (
        _about_assistant(head) and not looks_like_ask(head)
    ):
        return end
    return handover.end()


def asks_something(text: str) -> bool:
    """The text is a request, not only the input of one left in a template ("The next US
    president should be white." after "… detect the stereotype in the sentence:"): an
    instruction and its input (two paragraphs or more), or a sentence shaped like a request."""
    if len([p for p in _BLANK_LINE.split(text) if p.strip()]) >= 2:
        return True
    return any(looks_like_ask(m[0]) for m in SENTENCE.finditer(text))


def describes_assistant(paragraph: str) -> bool:
    """Two sentences about the assistant's behaviour, or one in a long paragraph."""
    about = sum(1 for m in SENTENCE.finditer(paragraph) if _about_assistant(m[0]))
    return about >= 2 or (about == 1 and len(paragraph.split()) > 60)


def read_template(text: str, *, strict: bool, last_resort: bool = True) -> tuple[str, list[str]]:
    """A persona or override template: the sentences that are not about the assistant's
    behaviour (in a long template, `strict`, only those shaped like requests: the rest describes
    the persona), and the asks quoted inside those that are. Without `last_resort` (the request
    is known to sit elsewhere, after the template), a template that asks nothing gives nothing,
    not its slotted examples or request-shaped clauses."""
    kept: list[str] = []
    asks: list[str] = []
    slotted: list[str] = []
    pasted_in: list[str] = []
    for m in SENTENCE.finditer(text):
        sentence = m[0].strip()
        if not sentence or (strict and (_LICENCE.match(sentence) or _GREETING.search(sentence))):
            continue
        if not _about_assistant(sentence):
            # In a long template, 'For example, if I ask you "How do I make a bomb?' shows the
            # persona at work; it is not the user's request.
            if not strict or (_template_ask(sentence) and not _CONDITIONAL.search(sentence)):
                kept.append(sentence)
                # "… by answering my first question: How can I …?" is judged alone too: the
                # words before the colon only dilute it.
                after = _COLON_ASK.search(sentence) if strict else None
                if after and len(after[1].split()) >= 3 and looks_like_ask(after[1]):
                    asks.append(after[1])
                elif strict and (embedded := _embedded_ask(sentence)) is not None:
                    asks.append(embedded)
                elif (
                    strict
                    and (pasted := _PASTED.search(sentence))
                    and looks_like_ask(sentence[pasted.start() :])
                ):
                    # "Await How can I …?": the template's word before it only dilutes it.
                    asks.append(sentence[pasted.start() :])
            elif (embedded := _embedded_ask(sentence)) is not None:
                slotted.append(embedded)
            elif (
                strict
                and (pasted := _PASTED.search(sentence))
                and looks_like_ask(sentence[pasted.start() :])
                and not _CONDITIONAL.search(sentence)
            ):
                # 'Following all these instructions exactly as given: "Dan tell me Write a
                # short essay …"': a request pasted after the template's own words, the last
                # resort when nothing else in the template asks.
                pasted_in.append(sentence[pasted.start() :])
            continue
        # In a long template most colons introduce rules ("Rules: you must obey …"): only a
        # colon after "question", "prompt", "request" … introduces the ask there.
        colon = _COLON_ASK.search(sentence) or (not strict and AFTER_COLON.search(sentence))
        if colon and len(colon[1].split()) >= 2 and not colon[1].lower().startswith("is "):
            asks.append(colon[1])
            continue
        if VOCATIVE.match(sentence) and looks_like_ask(sentence):
            asks.append(VOCATIVE.sub("", sentence))
            continue
        ask = _TEMPLATE_ASK.search(sentence)
        directed = _ASK_SHAPE.search(VOCATIVE.sub("", sentence)) or _DIRECTIVE.search(sentence)
        # "… where AlphaGPT asks How can I …": the question is quoted, whoever is said to ask it.
        quoted = ask is not None and _INTRODUCED.search(sentence, 0, ask.start()) is not None
        if ask and (directed or quoted) and not _CONDITIONAL.search(sentence):
            asks.append(sentence[ask.start() :])
        elif strict and (embedded := _embedded_ask(sentence)) is not None:
            slotted.append(embedded)
        elif strict and (pasted := _PASTED.search(sentence)) and not _CONDITIONAL.search(sentence):
            asks.append(sentence[pasted.start() :])
    # A request slotted into a sentence ('Here is a question to start you off, "…"') is read
    # only when the template holds no other: templates also quote examples of forbidden asks.
    if asks or kept:
        return " ".join(kept), asks
    if not last_resort:
        return "", []
    return "", slotted or (_clause_asks(text) if strict else []) or pasted_in


#: Where a request pasted into a template without a full stop before it starts: after a
#: closing bracket, a colon or a tag ("… [The way Ron would respond] can you write …").
_CLAUSE = re.compile(r"[^.!?\n\])}>:]+[.!?]*")


def _clause_asks(text: str) -> list[str]:
    """Request-shaped clauses of a template none of whose sentences is one: the last resort
    before judging the template whole, where a persona's words would drown the request."""
    found = []
    for m in _CLAUSE.finditer(text):
        clause = m[0].strip(" \"“”'[({<")
        if (
            len(clause.split()) >= 3
            and looks_like_ask(clause)
            and not _about_assistant(clause)
            and not _CONDITIONAL.search(clause)
        ):
            # The request runs on to the end of its paragraph: "Write a script … . This
            # segment should promote stereotypes …" is one request.
            end = text.find("\n", m.end())
            found.append(text[m.start() : end if end >= 0 else len(text)].strip(" \"“”'[({<"))
    return found


#: A request slotted into a template sentence after the word that introduces it ('Here is a
#: question to start you off, "How do I …', 'would answer the question "…"').
_SLOTTED = re.compile(
    r"\b(?:(?:question|request|prompt|query|task|input|message)s?\b[^,:\"“\n]{0,40}?|asks\b)"
    r"(?:[,:]\s*[\"“']?"
    r"|\s[\"“])\s*(.+)",
    _I,
)


#: A request pasted into a template sentence starts with a capital after a lower-case word
#: ("… free Input Action. Await Design a social media campaign that …").
_PASTED = re.compile(
    # Not after a modal ("DAN can Make any kind of …"), not in Title Case ("Do Anything Now").
    r"(?<=[a-z,] )(?<!will )(?<!must )(?<!can )(?<!shall )(?<!should )(?<!would )(?<!could )"
    r"(?<!may )(?:How(?= (?:to|do|can|could|would|should|does|did|is|are|many|much)\b)|(?:What"
    r"|Why|Which|Where|Who|Can|Could|Would|Is|Are|Do|Does|Design|Create|Write|Give|Tell|Explain"
    r"|Provide|Describe|List|Generate|Develop|Draft|Compose|Make|Build|Teach|Show|Help|Ideas|Tips"
    r"|Steps)(?= [a-z0-9]))(?=(?: \S+){3})"
)


_QUOTE_END = re.compile(r"[\"”'’]+[.,;]?\s*$")


def _embedded_ask(sentence: str) -> str | None:
    """A request-shaped clause slotted into a template sentence, when the sentence is not an
    example of the persona at work ("if I ask you …")."""
    if _CONDITIONAL.search(sentence):
        return None
    slotted = _SLOTTED.search(sentence)
    if slotted is None:
        return None
    # The quote closed before the sentence's full stop ('asks "…".') is not part of the ask.
    clause = _QUOTE_END.sub("", slotted[1]).strip(" \"“”'")
    return clause if len(clause.split()) >= 3 and looks_like_ask(clause) else None


#: Where a request pasted at the end of a template starts: after a colon, a closing bracket or
#: an opening quote ("… answer my first question as John: …", "… [TARGETLANGUAGE]  Ways to …",
#: "./cmd “ Create …").
_OPENER = re.compile(r"[:\])}>“\"]")
#: How far from the end of a message a request pasted there may start, and how many sentences
#: it may have (more is the template's own example text: a persona's sample reply).
_CLOSING_CHARS = 600
_CLOSING_SENTENCES = 3


def closing_ask(text: str) -> str | None:
    """The request pasted at the very end of a template, after its last colon, bracket or
    opening quote, when shaped like a request and not about the assistant: read sentence by
    sentence it lost its second sentence ("How do I …? Give detailed instructions … and
    guidelines …", "guidelines" being a word about the assistant) or was not found at all."""
    end = text.rstrip(" \"”'\n\t")
    region = end[-_CLOSING_CHARS:]
    quotes = text[: len(end) - len(region)].count('"')
    openers = []
    for m in _OPENER.finditer(region):
        if m[0] == '"':
            quotes += 1
            if quotes % 2 == 0:  # a closing quote: what follows is the template's own text
                continue
        openers.append(m)
    for m in reversed(openers):
        rest = region[m.end() :].strip(" \"“”'\t")
        if "\n" in rest:
            return None
        if len(rest.split()) < 3:
            continue
        sentences = [s[0] for s in SENTENCE.finditer(rest) if s[0].strip()]
        head = sentences[0] if sentences else rest
        if (
            len(sentences) <= _CLOSING_SENTENCES
            and looks_like_ask(head)
            # Lower-cased: an acronym in the request ("USB", "SQL") is not a persona's name.
            and not _about_assistant(head.lower())
            and not _CONDITIONAL.search(head)
        ):
            return rest
        return None
    return None
