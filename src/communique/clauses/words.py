"""Words that frame a clause: verbs of saying, whose complement is a report, and nouns of statements."""

SPEECH_VERBS = frozenset(
    "say tell announce state add note stress declare explain claim write insist warn report describe "
    "assert argue emphasize emphasise reiterate acknowledge admit confirm deny suggest remark comment".split()
)
# "X made the statement / gave the remarks ... on Monday", "X issued a statement condemning ...".
STATEMENT_NOUNS = frozenset(
    "statement remark comment announcement speech address interview declaration communique communiqué".split()
)
# Verbs that name what they label: 'what Turnbull called North Korea's actions' is those actions, 'what he
# described as a breach' the breach; the subject only names them.
LABELLING_VERBS = frozenset("call term dub label brand describe characterize characterise".split())
