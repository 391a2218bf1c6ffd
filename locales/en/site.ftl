## The site's frame: what every page says around the statements.

# The language's own name, and the link text that offers it.
language-name = English
read-in-language = Read in English
language-menu = Other languages
site-menu = Main menu

skip-to-content = Skip to main content
index-heading = Statements
index-empty = No statements have been published yet.
# $count: how many statements the index lists.
statement-count =
    { $count ->
        [0] No statements
        [one] One statement
       *[other] { $count } statements
    }
footer-note = Issued in English and Hindi under the Official Languages Act, 1963.
# The browser's title of a page: $title, the page's own; $site, the site's.
# The separator is a dash, which no script reads as a full stop.
window-title = { $title } — { $site }
# A statement's mark, in lists, titles and related links: in a preview, one
# that is not published; anywhere, one withdrawn. $state: draft, embargoed
# or withdrawn.
status-mark =
    { $state ->
        [embargoed] Embargoed
        [withdrawn] Withdrawn
       *[draft] Draft
    }
marked-title = [{ $mark }] { $title }

## Dates. ICU4X gives the names of days and months and the digits;
## the order and punctuation are the house style.
## $weekday, $day, $month, $year: the parts of the date.

date-full = { $weekday }, { $day } { $month } { $year }
date-long = { $day } { $month } { $year }

## Index, tag and language pages.

index-description = Rebuttals of false reports and notes that answer myths, in English and Hindi.
# $page: this page's number; $total: how many pages.
page-title = Page { $page } of { $total }
pagination-label = Pages
newer = Newer statements
older = Older statements
# $tag: the tag's label.
tag-title = Topic: { $tag }
tag-description = Statements on { $tag }.
feed-link = Atom feed of all statements
tags-title = Topics
# $issuer: the issuer's full name; $issuer_article: `the` or `none`.
issuer-title = Statements by { $issuer_article ->
        [the] the { $issuer }
       *[none] { $issuer }
    }
issuer-description = Every statement issued by { $issuer_article ->
        [the] the { $issuer }
       *[none] { $issuer }
    }.
# The link from a statement to its issuer's list; $issuer: the short name.
issuer-more = All statements by { $issuer }
# $year: the year, in the language's digits.
year-title = Statements of { $year }
year-description = Statements issued in { $year }.
years-label = By year
breadcrumb-label = You are here
# The footer's list of the site's own pages (pages/).
footer-menu = About this site
# On a page of the site's own; $date: when its words last changed.
page-updated = Last updated: { $date }
tags-empty = No topics yet.
tags-description = Every topic of the statements, with how many statements each has.
# The link to the index of topics, beside a tag.
all-topics = All topics
latest-heading = Latest statements
all-statements = All statements
not-found-title = Page not found
not-found-text = Sorry, there is no page at this address. It may be mistyped, or the page's address may have changed.
not-found-home = Go to the statements

## Reporting a claim: the block on every page that names the channels of
## `report` in tathya.yaml. The words follow PIB Fact Check's own ("Suspect
## a Govt. related news to be fake? Send it to us at …").

report-heading = Report a suspicious claim
report-text = Suspect that news or a message about the government is fake? Send it to us for a fact check.
# $number: the WhatsApp number as tathya.yaml writes it.
report-whatsapp = WhatsApp: { $number }
# $address: the e-mail address.
report-email = E-mail: { $address }
report-form = Online form

## The search page. Its script shows or hides these; it writes no words of its own.

search-title = Search
search-description = Search the statements by the words of their headlines, claims and facts.
search-label = Words to search for
search-button = Search
search-hint = The statements that have every word you type are shown, the most relevant first.
# Followed by links to the lists of topics and of years.
search-noscript = Search needs JavaScript turned on in your browser. Without it, find statements by topic or year:
# Followed by the number of statements found.
search-results = Statements found:
search-none = No statement has all of these words.
# $count: how many results are shown at most.
search-more = Only the { $count } most relevant are shown. Add a word to narrow the search.
search-short = Type a little more to search.
# The link to the years, on the statements index.
search-years = Years
# Followed by the same links.
search-failed = The search could not be loaded. Please try again, or find statements by topic or year:
