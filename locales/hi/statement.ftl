## वक्तव्य का वह पाठ जो रिकॉर्ड में नहीं, यहां से आता है।

dateline = { $place }, { $date }
# कर्मवाच्य ("द्वारा जारी") जारीकर्ता के लिंग से नहीं बदलता।
issued-by = { $issuer } द्वारा { $date } को जारी।

kind-rebuttal = खंडन
kind-myth-buster = मिथक और तथ्य

## निष्कर्ष के लेबल।

verdict-fake = फर्जी
verdict-false = गलत
verdict-misleading = भ्रामक
verdict-baseless = आधारहीन
verdict-out-of-context = संदर्भ से हटकर

## शीर्षक और आरंभिक वाक्य।
## $topic तिर्यक रूप में लिखा जाता है, जैसे "कोविन से डेटा लीक होने", ताकि
## "…की खबरों" से पहले ठीक बैठे।
## शीर्षक में "ने" है: क्रिया कर्ता से नहीं, "को" वाले कर्म के कारण
## पुल्लिंग एकवचन ("किया") में रहती है, इसलिए $issuer_gender की ज़रूरत नहीं।

rebuttal-headline =
    { $issuer } ने { $topic } की खबरों को { $verdict ->
        [fake] फर्जी
        [misleading] भ्रामक
        [baseless] आधारहीन
        [out-of-context] संदर्भहीन
       *[false] गलत
    } बताकर खारिज किया

## आरंभिक वाक्य वर्तमान काल में है, जहां क्रिया जारीकर्ता के लिंग से मेल
## खाती है: मंत्रालय "करता है", सरकार "करती है"।

rebuttal-lead =
    { $issuer_gender ->
        [feminine] { $issuer } { $topic } की खबरों का खंडन करती है और स्पष्ट करती है कि ये खबरें
       *[masculine] { $issuer } { $topic } की खबरों का खंडन करता है और स्पष्ट करता है कि ये खबरें
    } { $verdict ->
        [fake] फर्जी हैं
        [misleading] भ्रामक हैं
        [baseless] आधारहीन हैं
        [out-of-context] संदर्भहीन हैं
       *[false] गलत हैं
    }।
myth-buster-headline = { $topic }: मिथक और तथ्य

## खंडों के शीर्षक और लेबल।

section-verdict = निष्कर्ष
section-claim = दावा
claim-claimant = दावा कहां किया गया
claim-first-seen = पहली बार देखा गया
claim-appearances = दावा यहां दिखा
section-facts = तथ्य
section-actions = की गई कार्रवाई
section-quotes = आधिकारिक बयान
quote-attribution = { $name }, { $role }
section-myths = मिथक और तथ्य
myth-label = मिथक
fact-label = तथ्य
section-sources = स्रोत
section-related = संबंधित वक्तव्य
section-tags = विषय
section-contact = मीडिया संपर्क
contact-email = ईमेल
contact-phone = टेलीफोन
section-updates = अद्यतन और सुधार

## सूचनाएं।

draft-notice = मसौदा: यह वक्तव्य अभी प्रकाशित नहीं हुआ है।
withdrawn-notice = यह वक्तव्य { $date } को वापस ले लिया गया।
withdrawn-reason = कारण
embargo-notice = प्रतिबंधित: { $date } को { $time } बजे (IST) से पहले प्रकाशित न करें।

