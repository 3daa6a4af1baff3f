//! Word lists the extractor leans on. General English newswriting knowledge only: nothing here
//! names a person, place or organisation from any particular article.

use std::collections::HashSet;
use std::sync::LazyLock;

fn set(words: &[&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

/// Verbs (and verb forms) that introduce speech or a statement.
pub static SPEECH_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "explained", "explains",
        "noted", "notes", "warned", "warns", "argued", "argues", "insisted", "insists", "continued",
        "continues", "wrote", "writes", "asked", "asks", "replied", "replies", "tweeted", "posted",
        "announced", "announces", "confirmed", "confirms", "recalled", "recalls", "admitted", "admits",
        "acknowledged", "acknowledges", "declared", "declares", "remarked", "observed", "concluded",
        "suggested", "suggests", "urged", "urges", "stressed", "stresses", "emphasised", "emphasized",
        "maintained", "maintains", "conceded", "concedes", "claimed", "claims", "testified", "responded",
        "countered", "cautioned", "complained", "boasted", "joked", "reckons", "reckoned", "estimated",
        "disclosed", "revealed", "reported", "predicted", "predicts", "wondered", "mused", "shouted",
        "agreed", "agrees", "denied", "denies", "commented", "comments", "described", "describes",
    ])
});

/// Speech verbs after which an inverted subject may follow ("said Ryder").
pub static INVERTING_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "said", "says", "say", "added", "adds", "explained", "explains", "noted", "notes", "warned", "warns",
        "argued", "argues", "insisted", "insists", "continued", "continues", "wrote", "writes", "asked",
        "asks", "replied", "replies", "recalled", "recalls", "admitted", "admits", "observed", "concluded",
        "stressed", "conceded", "concedes", "countered", "cautioned", "reckons", "reckoned", "agreed",
        "agrees", "confirmed", "confirms", "declared", "remarked", "joked", "suggested", "suggests",
        "maintained", "maintains", "claimed", "claims", "emphasised", "emphasized", "mused", "shouted",
        "commented", "comments",
    ])
});

/// Participles that continue the attribution of the clause before ("…, adding that …").
pub static SPEECH_PARTICIPLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&["adding", "noting", "insisting", "stressing", "warning", "saying", "arguing", "explaining"])
});

/// Abbreviations after which a full stop does not end a sentence.
pub static TITLE_ABBREVS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj", "adm",
        "cmdr", "st", "rev", "hon", "jr", "sr", "mt", "ft", "supt", "insp", "det", "cpl", "pte", "brig",
        "atty", "vs", "v", "cf", "approx", "ave", "blvd", "mme", "mlle", "messrs", "fr", "pres", "sens",
        "reps", "dept", "univ", "assn", "est", "fig", "ca", "al",
    ])
});

/// Abbreviations that end a sentence only when followed by a typical sentence opener.
pub static SOFT_ABBREVS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "etc", "inc", "ltd", "corp", "co", "plc", "bros", "llc", "no", "nos", "vol", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "a.m", "p.m",
    ])
});

/// Capitalised words that usually open a sentence (used for soft abbreviations and to keep
/// sentence-initial function words out of names).
pub static SENTENCE_OPENERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
        "there", "in", "on", "at", "but", "and", "or", "so", "yet", "for", "as", "after", "before", "when",
        "while", "if", "although", "though", "because", "since", "his", "her", "its", "their", "our", "my",
        "some", "many", "most", "all", "no", "not", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "earlier", "later", "last", "next", "then", "now", "today", "yesterday",
        "still", "however", "meanwhile", "also", "both", "each", "every", "such", "what", "who", "why",
        "how", "where", "which", "with", "without", "by", "from", "to", "of", "over", "under", "about",
        "asked", "according", "instead", "here", "only", "even", "once", "more", "few", "several", "other",
        "another", "much", "any", "almost", "around", "among", "between", "during", "despite", "until",
        "unlike", "like", "under", "within", "mr", "mrs", "ms", "dr", "imagine", "is", "are", "was", "were",
        "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "let", "yes",
        "well", "just", "indeed", "overall", "already", "nor", "either", "neither", "thanks", "please",
        "sources", "officials", "police", "experts",
    ])
});

/// Honorifics: dropped from a name, kept for gender.
pub static HONORIFICS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "mme", "mlle", "m"])
});

/// Military and police ranks: part of how a person is introduced, not of their office.
pub static RANKS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "major", "general", "gen", "maj", "lieutenant", "lt", "colonel", "col", "captain", "capt", "sergeant",
        "sgt", "admiral", "adm", "commander", "cmdr", "brigadier", "brig", "corporal", "cpl", "private",
        "pte", "marshal", "commodore", "ensign", "rear", "vice", "superintendent", "supt", "inspector",
        "insp", "constable", "detective", "det", "chief", "air", "field", "staff",
    ])
});

/// Words naming an office or job (the head of a role phrase).
pub static ROLE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "president", "vice-president", "secretary", "secretary-general", "minister", "chancellor",
        "spokesman", "spokeswoman", "spokesperson", "spokespeople", "senator", "sen", "representative", "rep",
        "governor", "gov", "mayor", "premier", "prime", "deputy", "chairman", "chairwoman", "chair",
        "chairperson", "director", "director-general", "manager", "coach", "captain", "judge", "justice",
        "prosecutor", "attorney", "lawyer", "solicitor", "barrister", "counsel", "commissioner", "chief",
        "executive", "officer", "ceo", "cfo", "coo", "cto", "founder", "co-founder", "leader", "head",
        "professor", "prof", "lecturer", "researcher", "scientist", "economist", "analyst", "author",
        "editor", "correspondent", "reporter", "doctor", "surgeon", "nurse", "physician", "epidemiologist",
        "virologist", "oceanographer", "ranger", "councillor", "councilor", "alderman", "mp", "mep", "msp",
        "am", "lawmaker", "legislator", "congressman", "congresswoman", "assemblyman", "assemblywoman",
        "ambassador", "envoy", "diplomat", "consul", "king", "queen", "prince", "princess", "emperor",
        "pope", "bishop", "archbishop", "cardinal", "imam", "rabbi", "pastor", "priest", "official",
        "sheriff", "constable", "superintendent", "inspector", "detective", "sergeant", "trustee",
        "treasurer", "auditor", "registrar", "provost", "dean", "principal", "headteacher", "teacher",
        "striker", "midfielder", "defender", "goalkeeper", "forward", "winger", "batsman", "bowler",
        "player", "skipper", "owner", "partner", "president-elect", "speaker", "whip", "clerk", "adviser",
        "advisor", "aide", "consultant", "engineer", "pilot", "farmer", "fisherman", "resident", "elder",
        "expert", "specialist", "campaigner", "activist", "organiser", "organizer", "volunteer",
        "whisperer", "historian", "curator", "architect", "inventor", "investor", "trader", "banker",
        "governor-general", "attorney-general", "solicitor-general", "surgeon-general", "magistrate",
        "coroner", "paramedic", "firefighter", "spokes", "manager", "administrator", "controller",
    ])
});

/// Words that mark a capitalised name as an organisation.
pub static ORG_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "department", "ministry", "office", "agency", "association", "council", "committee", "commission",
        "university", "college", "school", "hospital", "institute", "institution", "society", "foundation",
        "bank", "group", "party", "government", "police", "court", "board", "authority", "service",
        "services", "corporation", "corp", "inc", "ltd", "llc", "plc", "company", "co", "airlines", "airways",
        "airline", "force", "army", "navy", "union", "federation", "league", "club", "fc", "network",
        "centre", "center", "trust", "fund", "assembly", "parliament", "congress", "senate", "pentagon",
        "kremlin", "cabinet", "administration", "bureau", "directorate", "organisation", "organization",
        "alliance", "coalition", "labs", "laboratories", "laboratory", "pharmaceuticals", "systems",
        "technologies", "holdings", "partners", "media", "energy", "motors", "reuters", "press", "times",
        "news", "post", "herald", "tribune", "gazette", "guardian", "journal", "telegraph", "observer",
        "broadcasting", "television", "radio", "clinic", "council's", "station", "industries", "railways",
        "rail", "transport", "water", "power", "housing", "exchange", "tribunal", "inquiry", "office's",
        "executive", "mission", "secretariat", "house", "hall", "chamber", "chambers", "commissioners", "treasury",
        "trustees", "fire", "rescue", "coastguard", "brigade", "regiment", "command", "forces", "guard",
        "pharmacies", "stores", "supermarkets", "foods", "brewery", "bakery",
        "logistics", "solutions", "mining", "steel", "shipping", "utilities", "electric",
    ])
});

/// Lowercase nouns that stand for an organisation ("the airline said"), with a canonical form.
pub fn org_descriptor(word: &str) -> Option<&'static str> {
    Some(match word {
        "airline" | "carrier" => "airline",
        "company" | "firm" | "business" | "group" | "conglomerate" | "manufacturer" | "maker" | "retailer"
        | "insurer" | "lender" | "developer" | "operator" | "supermarket" | "chain" | "startup" | "start-up"
        | "brand" | "publisher" | "automaker" | "carmaker" | "producer" | "supplier" => "company",
        "club" => "club",
        "team" | "side" => "team",
        "council" => "council",
        "ministry" => "ministry",
        "department" => "department",
        "agency" => "agency",
        "government" => "government",
        "administration" => "administration",
        "hospital" | "trust" => "hospital",
        "university" => "university",
        "school" | "college" | "academy" => "school",
        "union" => "union",
        "bank" => "bank",
        "board" => "board",
        "party" => "party",
        "court" => "court",
        "police" | "force" => "police",
        "regulator" | "watchdog" => "regulator",
        "authority" => "authority",
        "charity" => "charity",
        "museum" => "museum",
        "commission" => "commission",
        "committee" => "committee",
        "league" | "federation" => "league",
        "newspaper" | "broadcaster" | "network" | "paper" => "newspaper",
        "institute" | "lab" | "laboratory" => "institute",
        "organisation" | "organization" | "body" => "organisation",
        "service" => "service",
        "army" | "military" | "navy" => "military",
        "campaign" => "campaign",
        "church" => "church",
        "pentagon" => "pentagon",
        "city" => "city",
        "coalition" | "alliance" => "coalition",
        "office" => "office",
        "prosecutors" | "prosecution" => "prosecution",
        _ => return None,
    })
}

/// Nouns (or name words) that an organisation of a descriptor kind usually has in its name.
pub fn descriptor_name_words(canon: &str) -> &'static [&'static str] {
    match canon {
        "airline" => &["air", "airlines", "airways", "aviation", "jet", "wings"],
        "company" => &["inc", "ltd", "corp", "corporation", "plc", "llc", "group", "holdings", "company", "co"],
        "club" => &["fc", "club", "united", "city", "rovers", "athletic"],
        "team" => &["fc", "united", "city", "rovers", "athletic"],
        "council" => &["council"],
        "ministry" => &["ministry"],
        "department" => &["department"],
        "agency" => &["agency"],
        "government" => &["government"],
        "hospital" => &["hospital", "trust", "clinic", "infirmary"],
        "university" => &["university"],
        "school" => &["school", "college", "academy"],
        "union" => &["union"],
        "bank" => &["bank"],
        "board" => &["board"],
        "party" => &["party"],
        "court" => &["court", "tribunal"],
        "police" => &["police", "constabulary"],
        "regulator" => &["authority", "commission", "regulator", "office"],
        "authority" => &["authority"],
        "charity" => &["trust", "foundation", "charity"],
        "museum" => &["museum", "gallery"],
        "commission" => &["commission"],
        "committee" => &["committee"],
        "league" => &["league", "federation", "association"],
        "institute" => &["institute", "laboratory", "labs", "centre", "center"],
        "military" => &["army", "navy", "force", "forces", "military"],
        "coalition" => &["coalition", "alliance"],
        _ => &[],
    }
}

/// Plural nouns for unnamed sources ("officials said").
pub static GENERIC_SOURCES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "officials", "experts", "analysts", "sources", "witnesses", "residents", "critics", "scientists",
        "researchers", "people", "authorities", "doctors", "oceanographers", "observers", "economists",
        "investigators", "campaigners", "activists", "locals", "officers", "parties", "leaders", "members",
        "others", "some", "many", "pilots", "engineers", "diplomats", "insiders", "aides", "lawyers",
        "prosecutors", "organisers", "organizers", "reports", "studies", "polls", "figures", "data",
        "documents", "staff", "workers", "employees", "fans", "supporters", "opponents", "voters",
    ])
});

/// Lowercase particles that may sit inside a name ("Erik van Sebille").
pub static NAME_PARTICLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&["van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "ter", "ten", "bin", "bint", "al", "el", "dos", "das", "ibn", "y", "zu", "st"])
});

/// Credentials after a name, skipped ("Stephen Calderwood, MD,").
pub static CREDENTIALS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&["md", "phd", "ph.d", "jr", "sr", "ii", "iii", "iv", "rn", "dds", "mba", "qc", "kc", "obe", "mbe", "cbe", "frs", "esq", "dphil"])
});

/// Words that may sit between the subject and its speech verb ("Macron earlier this week said").
pub static PRE_VERB_FILLERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "also", "later", "earlier", "then", "previously", "recently", "again", "has", "have", "had", "once",
        "further", "this", "week", "month", "year", "today", "yesterday", "tonight", "last", "on", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "however", "himself", "herself",
        "themselves", "itself", "reportedly", "separately", "subsequently", "simply", "only", "just",
        "quickly", "flatly", "initially", "repeatedly", "publicly", "privately", "first", "told", "morning",
        "afternoon", "evening", "night", "would", "will", "could", "did", "does", "do", "is", "was", "were",
        "are", "had", "been", "not", "never", "always", "often", "since", "immediately", "personally",
        "in", "a", "statement", "interview", "speech", "letter", "written", "emailed", "an", "the",
        "bluntly", "firmly", "angrily", "calmly", "openly", "jokingly", "finally", "eventually", "now",
    ])
});

pub static PRONOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(&["he", "she", "they", "it", "i", "we", "you"]));

/// Common given names, for a pronoun's gender. A name missing here just has unknown gender.
pub static MALE_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles",
        "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "stephen", "paul",
        "andrew", "joshua", "kenneth", "kevin", "brian", "george", "edward", "ronald", "timothy", "jason",
        "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan", "larry", "justin", "scott",
        "brandon", "benjamin", "samuel", "gregory", "frank", "alexander", "raymond", "patrick", "jack",
        "dennis", "jerry", "tyler", "aaron", "jose", "adam", "henry", "nathan", "douglas", "zachary",
        "peter", "kyle", "walter", "ethan", "jeremy", "harold", "keith", "christian", "roger", "noah",
        "gerald", "carl", "terry", "sean", "austin", "arthur", "lawrence", "jesse", "dylan", "bryan",
        "joe", "jordan", "billy", "bruce", "albert", "willie", "gabriel", "logan", "alan", "juan", "wayne",
        "roy", "ralph", "randy", "eugene", "vincent", "russell", "louis", "philip", "bobby", "johnny",
        "bradley", "tom", "tim", "bob", "bill", "jim", "mike", "dave", "steve", "ian", "hugh", "neil",
        "gordon", "graham", "colin", "nigel", "simon", "martin", "gareth", "rhys", "owen", "dai", "glyn",
        "emmanuel", "pierre", "jean", "jens", "hans", "klaus", "olaf", "lars", "erik", "sven", "marco",
        "luca", "giovanni", "carlos", "luis", "miguel", "diego", "pablo", "ahmed", "mohammed", "muhammad",
        "ali", "omar", "hassan", "ibrahim", "yusuf", "raj", "rahul", "arjun", "vikram", "sanjay", "hiroshi",
        "kenji", "takeshi", "wei", "jun", "hori", "pat", "luke", "callum", "liam", "connor", "sebastian",
        "felix", "oliver", "harry", "charlie", "alfie", "oscar", "leo", "max", "theo", "hamish", "angus",
        "declan", "dermot", "seamus", "tobias", "rupert", "barnaby", "ivan", "dmitri", "sergei", "vladimir",
        "boris", "andrzej", "piotr", "tomasz", "kwame", "kofi", "chinedu", "emeka", "tunde", "jamie",
    ])
});

pub static FEMALE_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah",
        "karen", "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna",
        "michelle", "dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon",
        "laura", "cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela",
        "nicole", "emma", "samantha", "katherine", "christine", "debra", "rachel", "catherine", "carolyn",
        "janet", "ruth", "maria", "heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia",
        "kelly", "christina", "lauren", "joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah",
        "martha", "jacqueline", "frances", "gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean",
        "alice", "madison", "doris", "abigail", "julia", "judy", "grace", "denise", "amber", "marilyn",
        "beverly", "danielle", "theresa", "sophia", "marie", "diana", "brittany", "natalie", "isabella",
        "charlotte", "rose", "alexis", "kayla", "sue", "jane", "kate", "claire", "fiona", "siobhan",
        "aoife", "niamh", "sian", "bethan", "rhian", "carys", "angharad", "ursula", "ingrid", "astrid",
        "greta", "sofia", "giulia", "francesca", "lucia", "carmen", "elena", "ana", "fatima", "aisha",
        "layla", "priya", "anjali", "sunita", "yuki", "mei", "ling", "hana", "chloe", "ella", "amelia",
        "isla", "poppy", "freya", "imogen", "harriet", "lucy", "eleanor", "mariam", "nadia", "olga",
        "natasha", "tatiana", "agnieszka", "magdalena", "ngozi", "amara", "chioma", "adaeze", "mia",
    ])
});

/// Words that mark an opinion rather than a checkable statement.
pub static OPINION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "think", "believe", "feel", "should", "must", "ought", "hope", "wish", "ridiculous", "disgraceful",
        "shameful", "wonderful", "terrible", "absurd", "outrageous", "brilliant", "awful", "fantastic",
        "disappointing", "scandalous", "appalling", "unacceptable", "frankly", "surely", "clearly",
        "obviously", "arguably", "deserve", "deserves", "pathetic", "shocking", "incredible", "amazing",
        "nonsense", "folly", "foolish", "misguided", "wrong-headed", "reckless", "shameless", "sadly",
        "hopefully", "regrettably", "needs", "need", "opinion", "view", "seems", "seem", "perhaps",
        "maybe", "beautiful", "ugly", "great", "sad", "tragic", "glorious", "insult", "betrayal",
        "cowardly", "heroic", "lazy", "wasteful", "bloated", "inept", "incompetent", "hypocrisy",
    ])
});

/// Words that mark a prediction or a possibility.
pub static PREDICTION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "will", "would", "could", "might", "may", "expected", "likely", "unlikely", "forecast", "forecasts",
        "predict", "predicts", "predicted", "projected", "anticipate", "anticipated", "soon", "future",
        "tomorrow", "won't", "won’t", "shall", "going", "probably", "possibly", "potentially",
    ])
});

pub static NUMBER_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(&[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
        "thousands", "million", "millions", "billion", "billions", "trillion", "dozen", "dozens", "half",
        "third", "quarter", "percent", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "twice", "doubled", "tripled", "halved",
    ])
});
