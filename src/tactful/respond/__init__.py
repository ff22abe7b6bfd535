"""Response: the words the user sees."""

from tactful.respond.render import Words, quote, words_for

__all__ = ["Words", "quote", "words_for"]
