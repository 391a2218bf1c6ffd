## वक्तव्य का वह पाठ जो रिकॉर्ड में नहीं, यहां से आता है।

dateline = { $place }, { $date }
# कर्मवाच्य ("द्वारा जारी") जारीकर्ता के लिंग से नहीं बदलता।
issued-by = { $issuer } द्वारा { $date } को जारी।

kind-rebuttal = खंडन
kind-myth-buster = मिथक-खंडन

## निष्कर्ष के लेबल। "निराधार" पीआईबी का अपना शब्द है; "गलत संदर्भ में"
## वाक्यों में भी यही है।

verdict-fake = फर्जी
verdict-false = गलत
verdict-misleading = भ्रामक
verdict-baseless = निराधार
verdict-out-of-context = गलत संदर्भ में

## शीर्षक और आरंभिक वाक्य।
## $topic तिर्यक रूप में लिखा जाता है, जैसे "कोविन से डेटा लीक होने", "पुराने
## कानून", ताकि "की खबरों", "के दावे" से पहले ठीक बैठे।
## दोनों वाक्य "ने" वाले हैं: क्रिया कर्ता से नहीं बदलती, "को" वाले कर्म के
## साथ पुल्लिंग एकवचन रहती है ("खारिज किया", "जांच की है … पाया है"), इसलिए
## जारीकर्ता के लिंग की जरूरत नहीं पड़ती। "गलत संदर्भ में" वाला शीर्षक अंग्रेजी
## की तरह कहता है कि तथ्य गलत संदर्भ में प्रस्तुत किए गए ("तथ्य" से मेल)।
## $form: क्या झूठा था: खबरें, दावा, पोस्ट, वीडियो, संदेश, पत्र, दस्तावेज।

rebuttal-headline =
    { $verdict ->
        [out-of-context]
            { $issuer } ने कहा, { $topic } { $form ->
                [claim] के दावे
                [post] की पोस्ट
                [video] के वीडियो
                [message] के संदेश
                [letter] के पत्र
                [document] के दस्तावेज
               *[reports] की खबरों
            } में तथ्य गलत संदर्भ में प्रस्तुत किए गए
       *[other]
            { $issuer } ने { $topic } { $form ->
                [claim] के दावे
                [post] की पोस्ट
                [video] के वीडियो
                [message] के संदेश
                [letter] के पत्र
                [document] के दस्तावेज
               *[reports] की खबरों
            } को { $verdict ->
                [fake] फर्जी
                [misleading] भ्रामक
                [baseless] निराधार
               *[false] गलत
            } बताकर खारिज किया
    }
rebuttal-lead =
    { $issuer } ने { $topic } { $form ->
        [claim] के दावे
        [post] की पोस्ट
        [video] के वीडियो
        [message] के संदेश
        [letter] के पत्र
        [document] के दस्तावेज
       *[reports] की खबरों
    } की जांच की है और { $verdict ->
        [out-of-context]
            पाया है कि { $form ->
                [reports] इनमें
               *[other] इसमें
            } तथ्यों को गलत संदर्भ में प्रस्तुत किया गया है
       *[other]
            { $form ->
                [reports] इन्हें
               *[other] इसे
            } { $verdict ->
                [fake] फर्जी
                [misleading] भ्रामक
                [baseless] निराधार
               *[false] गलत
            } पाया है
    }।
# "मिथक बनाम तथ्य", जैसा पीआईबी लिखता है (PRID 1788262); एक मिथक हो या कई।
myth-buster-headline = { $topic }: मिथक बनाम तथ्य

## खंडों के शीर्षक और लेबल।

section-verdict = निष्कर्ष
section-claim = दावा
claim-claimant = दावा कहां किया गया
claim-first-seen = पहली बार देखा गया
claim-appearances = जहां दावा प्रसारित हुआ
section-facts = तथ्य
section-actions = की गई कार्रवाई
section-quotes = कथन
quote-attribution = { $name }, { $role }
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
# इसके बाद रिकॉर्ड का नोट आता है, जो कारण बताता है।
withdrawn-notice = यह वक्तव्य { $date } को वापस ले लिया गया।
# $date: तिथि; $time: समय (24 घंटे)। लैटिन लिपि का "IST" नहीं।
embargo-notice = प्रकाशन पर रोक: { $date } को भारतीय समयानुसार { $time } बजे से पहले प्रकाशित या प्रसारित न करें।
