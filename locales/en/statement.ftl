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
        [fake]
            dismisses { $form ->
                [claim] a claim of
                [post] a post about
                [video] a video about
                [message] a message about
                [letter] a letter about
                [document] a document about
               *[reports] reports of
            } { $topic } as fake
        [misleading]
            dismisses { $form ->
                [claim] a claim of
                [post] a post about
                [video] a video about
                [message] a message about
                [letter] a letter about
                [document] a document about
               *[reports] reports of
            } { $topic } as misleading
       *[other]
            dismisses { $form ->
                [claim] a claim of
                [post] the claim in a post about
                [video] the claim in a video about
                [message] the claim in a message about
                [letter] the claim in a letter about
                [document] the claim in a document about
               *[reports] reports of
            } { $topic } as { $verdict ->
                [baseless] baseless
               *[false] false
            }
    }
# The lead says what the issuer has clarified, not that an inquiry is
# over: a record may say that one goes on.
rebuttal-lead =
    { $issuer_article ->
        [the] The { $issuer }
       *[none] { $issuer }
    } has clarified that { $verdict ->
        [out-of-context]
            { $form ->
                [claim] the claim of { $topic } presents
                [post] the post about { $topic } presents
                [video] the video about { $topic } presents
                [message] the message about { $topic } presents
                [letter] the letter about { $topic } presents
                [document] the document about { $topic } presents
               *[reports] reports of { $topic } present
            } facts out of context
        [fake]
            { $form ->
                [claim] the claim of { $topic } is
                [post] the post about { $topic } is
                [video] the video about { $topic } is
                [message] the message about { $topic } is
                [letter] the letter about { $topic } is
                [document] the document about { $topic } is
               *[reports] reports of { $topic } are
            } fake
        [misleading]
            { $form ->
                [claim] the claim of { $topic } is
                [post] the post about { $topic } is
                [video] the video about { $topic } is
                [message] the message about { $topic } is
                [letter] the letter about { $topic } is
                [document] the document about { $topic } is
               *[reports] reports of { $topic } are
            } misleading
       *[other]
            { $form ->
                [claim] the claim of { $topic } is
                [post] the claim in the post about { $topic } is
                [video] the claim in the video about { $topic } is
                [message] the claim in the message about { $topic } is
                [letter] the claim in the letter about { $topic } is
                [document] the claim in the document about { $topic } is
               *[reports] reports of { $topic } are
            } { $verdict ->
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
# The claim's named author (claim.author), a person or an organization.
claim-author = Claim made by
# Under the claim's picture, which carries the verdict as a stamp.
claim-image = The claim as it circulated
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
# $date: the long date the embargo ends; $clock: the time on the 12-hour
# clock, IST, without ":00" on the hour; $ampm: `am`, `pm`, `noon` or
# `midnight`; $period: morning, afternoon, evening, night, or small-hours
# (after midnight, before 4 am: Hindi says the night of $eve, the day
# before; unused in English).
# The time of issue on the printed letterhead, after the dateline; the same
# arguments as the embargo notice below.
issue-time = { $clock } { $ampm ->
        [am] am
        [noon] noon
        [midnight] midnight
       *[pm] pm
    } IST
# The printed letterhead's title.
press-statement = Press statement
embargo-notice =
    Embargoed: not to be published or broadcast before { $clock } { $ampm ->
        [am] am
        [noon] noon
        [midnight] midnight
       *[pm] pm
    } IST on { $date }{ $period ->
        [small-hours] , in the night of { $eve }
       *[other] { "" }
    }.

## What a statement's link says where it is shared (og:description): the
## finding first. $verdict: the verdict's label; $fact: the first fact;
## $myth: the first myth.

share-rebuttal = Verdict: { $verdict }. Fact: { $fact }
share-myth-buster = Myth: { $myth } Fact: { $fact }
# The same in a post: a line for each part.
share-post-rebuttal =
    Verdict: { $verdict }
    Fact: { $fact }
share-post-myth-buster =
    Myth: { $myth }
    Fact: { $fact }

## Links that share a statement, under it.

share-heading = Share this statement
share-whatsapp = WhatsApp
share-x = X
share-telegram = Telegram
share-email = Email
# The statement's link in a field to copy, even without script; with script, a button.
share-link = Link to this statement
share-copy = Copy link
share-copied = Link copied.

## The share card (card.png): the picture a link preview shows.
# A myth-buster card's stamp. $count: how many myths it answers.
card-myths = { $count ->
    [one] { $count } myth, { $count } fact
   *[other] { $count } myths, { $count } facts
}
# A withdrawn statement's card stamp: not the lists' "[Withdrawn]", which
# beside a rebuttal's headline could read as the claim withdrawn.
card-withdrawn = Statement withdrawn
# The card's text alternative (og:image:alt), for those who cannot see it.
# $stamp: the card's stamp (the verdict, "Withdrawn" or the count of myths);
# $headline: the headline.
card-alt = { $headline } — fact check card stamped “{ $stamp }”
