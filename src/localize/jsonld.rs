//! schema.org structured data: a `ClaimReview` for a rebuttal, and one for
//! each myth of a myth-buster, in the page's language.

use serde::Serialize;

use super::view::{StatementView, VerdictView};

/// Everything a review needs besides the statement view.
pub struct ReviewContext<'a> {
    /// The page's absolute URL.
    pub url: &'a str,
    /// The page's language.
    pub lang: &'a str,
    /// The issuer's own website, or the site's home page.
    pub home: &'a str,
    /// The absolute address of the site's logo, the issuer's in the review.
    pub logo: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    in_language: &'a str,
    date_published: &'a str,
    claim_reviewed: &'a str,
    author: Organization<'a>,
    review_rating: Rating<'a>,
    item_reviewed: Claim<'a>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    rating_value: u8,
    best_rating: u8,
    worst_rating: u8,
    alternate_name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Organization<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_appearance: Option<Work<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appearance: Vec<Work<'a>>,
}

#[derive(Serialize)]
struct Work<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

/// On a scale from 1 (false) to 5 (true), as fact-check markup asks.
fn rating_value(verdict: &VerdictView) -> u8 {
    match verdict.key.as_str() {
        "misleading" => 2,
        "out-of-context" => 3,
        _ => 1,
    }
}

/// The JSON-LD of a statement page, ready to sit inside `<script>`: a review
/// of a rebuttal's claim with its verdict, or of each myth with the myth's.
pub fn claim_reviews(view: &StatementView, context: &ReviewContext) -> String {
    let reviews: Vec<ClaimReview> = match (&view.claim, &view.verdict) {
        (Some(claim), Some(verdict)) => {
            let item = Claim {
                kind: "Claim",
                // Only a claimant the record names: "posts on social
                // media" is where a claim was seen, not who made it.
                author: claim.author.as_ref().map(|who| Organization {
                    kind: who.kind,
                    name: &who.name,
                    url: who.url,
                    logo: None,
                }),
                date_published: claim.first_seen.as_ref().map(|d| d.iso.as_str()),
                first_appearance: claim.appearances.first().map(|url| Work { kind: "CreativeWork", url }),
                appearance: claim.appearances.iter().map(|url| Work { kind: "CreativeWork", url }).collect(),
            };
            vec![review(view, verdict, context, context.url.to_owned(), &claim.text.plain, item)]
        }
        _ => view
            .myths
            .iter()
            .enumerate()
            .map(|(i, pair)| {
                let item = Claim {
                    kind: "Claim",
                    author: None,
                    date_published: None,
                    first_appearance: None,
                    appearance: vec![],
                };
                let url = format!("{}#myth-{}", context.url, i + 1);
                review(view, &pair.verdict, context, url, &pair.myth.plain, item)
            })
            .collect(),
    };
    if reviews.is_empty() {
        return String::new();
    }
    for_script(&serde_json::to_string(&reviews).unwrap_or_default())
}

fn review<'a>(
    view: &'a StatementView,
    verdict: &'a VerdictView,
    context: &'a ReviewContext,
    url: String,
    claim_reviewed: &'a str,
    item_reviewed: Claim<'a>,
) -> ClaimReview<'a> {
    ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        url,
        in_language: context.lang,
        date_published: &view.date.iso,
        claim_reviewed,
        author: Organization {
            kind: "GovernmentOrganization",
            name: view.issuer.name,
            url: Some(context.home),
            logo: context.logo,
        },
        review_rating: Rating {
            kind: "Rating",
            rating_value: rating_value(verdict),
            best_rating: 5,
            worst_rating: 1,
            alternate_name: &verdict.label,
        },
        item_reviewed,
    }
}

/// JSON that cannot end its `<script>` element or open a comment: `<`, `>`
/// and `&` become JSON escapes, which mean the same to a JSON parser.
pub fn for_script(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}
