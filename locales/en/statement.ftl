## Everything a statement says that is not in its record.

# $place: where it was issued; $date: the long date.
dateline = { $place }, { $date }
# $issuer: the issuer's full name; $date: the full date.
issued-by = Issued by the { $issuer } on { $date }.

kind-rebuttal = Rebuttal
kind-myth-buster = Myths and facts

## Verdict labels, as shown on the badge.

verdict-fake = Fake
verdict-false = False
verdict-misleading = Misleading
verdict-baseless = Baseless
verdict-out-of-context = Out of context

## Default headlines and the opening sentence.
## $issuer: the issuer's short name (full name in the lead);
## $issuer_gender: its grammatical gender (unused in English);
## $topic: what the reports were about; $verdict: the verdict's key.

rebuttal-headline =
    { $issuer } dismisses reports of { $topic } as { $verdict ->
        [fake] fake
        [misleading] misleading
        [baseless] baseless
        [out-of-context] taken out of context
       *[false] false
    }
rebuttal-lead =
    The { $issuer } has examined reports of { $topic } and found them { $verdict ->
        [fake] fake
        [misleading] misleading
        [baseless] baseless
        [out-of-context] out of context
       *[false] false
    }.
myth-buster-headline = { $topic }: myths and facts

## Section headings and labels.

section-verdict = Verdict
section-claim = The claim
claim-claimant = Claimed in
claim-first-seen = First seen
claim-appearances = Where it appeared
section-facts = The facts
section-actions = Action taken
section-quotes = What was said
# $name: the speaker; $role: their office.
quote-attribution = { $name }, { $role }
section-myths = Myths and facts
myth-label = Myth
fact-label = Fact
section-sources = Sources
section-related = Related statements
section-tags = Topics
section-contact = Press contact
contact-email = Email
contact-phone = Telephone
section-updates = Updates and corrections

## Notices.

draft-notice = Draft: this statement has not been published.
# $date: the long date of the withdrawal.
withdrawn-notice = This statement was withdrawn on { $date }.
withdrawn-reason = Reason
# $date: the long date and $time the time (24-hour, IST) the embargo ends.
embargo-notice = Embargoed: not to be published before { $time } IST on { $date }.

