## Everything a statement says that is not in its record.

# $place: where it was issued; $date: the long date.
dateline = { $place }, { $date }
# $issuer: the issuer's full name; $issuer_article: `the` or `none`, from
# tathya.yaml ("the Ministry of …", but "NITI Aayog"); $date: the full date.
issued-by =
    Issued by { $issuer_article ->
        [the] the { $issuer }
       *[none] { $issuer }
    } on { $date }.

kind-rebuttal = Rebuttal
kind-myth-buster = Myth-buster

## Verdict labels, as shown on the badge.

verdict-fake = Fake
verdict-false = False
verdict-misleading = Misleading
verdict-baseless = Baseless
verdict-out-of-context = Out of context

## Default headlines and the opening sentence.
## $issuer: the issuer's short name (full name in the lead, with
## $issuer_article); $topic: what the claim was about; $form: what was
## false (reports, claim, post, video, message, letter, document);
## $verdict: the verdict's key.

rebuttal-headline =
    { $issuer } { $verdict ->
        [out-of-context]
            says { $form ->
                [claim] a claim of { $topic } takes
                [post] a post about { $topic } takes
                [video] a video about { $topic } takes
                [message] a message about { $topic } takes
                [letter] a letter about { $topic } takes
                [document] a document about { $topic } takes
               *[reports] reports of { $topic } take
            } facts out of context
       *[other]
            dismisses { $form ->
                [claim] a claim of
                [post] a post about
                [video] a video about
                [message] a message about
                [letter] a letter about
                [document] a document about
               *[reports] reports of
            } { $topic } as { $verdict ->
                [fake] fake
                [misleading] misleading
                [baseless] baseless
               *[false] false
            }
    }
rebuttal-lead =
    { $issuer_article ->
        [the] The { $issuer }
       *[none] { $issuer }
    } has examined { $form ->
        [claim] a claim of
        [post] a post about
        [video] a video about
        [message] a message about
        [letter] a letter about
        [document] a document about
       *[reports] reports of
    } { $topic } and found { $verdict ->
        [out-of-context]
            that { $form ->
                [reports] they take
               *[other] it takes
            } facts out of context
       *[other]
            { $form ->
                [reports] them
               *[other] it
            } { $verdict ->
                [fake] fake
                [misleading] misleading
                [baseless] baseless
               *[false] false
            }
    }.
# $myths: how many myths the note answers.
myth-buster-headline =
    { $topic }: { $myths ->
        [one] myth and fact
       *[other] myths and facts
    }

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
# $date: the long date of the withdrawal; the record's note, which says
# why, follows it.
withdrawn-notice = This statement was withdrawn on { $date }.
# $date: the long date and $time the time (24-hour, IST) the embargo ends.
embargo-notice = Embargoed: not to be published or broadcast before { $time } IST on { $date }.
