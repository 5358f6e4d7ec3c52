package io.revloop.demo;

/**
 * Fixed vocabulary of the demo data set: channels, campaigns, names, countries and the benchmark numbers the
 * generator aims at. Everything here is constant; all randomness lives in {@link DemoDataGenerator}.
 */
final class DemoCatalog {

    private DemoCatalog() {
    }

    // ---------------------------------------------------------------- channels

    static final String[] CHANNELS = {
        "Direct", "Organic Search", "Paid Search", "Paid Social", "Referral", "Email", "Events", "Other"};
    static final int DIRECT = 0;
    static final int ORGANIC = 1;
    static final int PAID_SEARCH = 2;
    static final int PAID_SOCIAL = 3;
    static final int REFERRAL = 4;
    static final int EMAIL = 5;
    static final int EVENTS = 6;
    static final int OTHER = 7;

    /** Share of new leads by first-touch channel. */
    static final double[] LEAD_MIX = {0.08, 0.25, 0.20, 0.15, 0.10, 0.12, 0.08, 0.02};
    /** Relative lead→MQL conversion by channel (Referral/Events better, Paid Social worse), normalised later. */
    static final double[] MQL_FACTOR = {1.05, 1.00, 1.00, 0.72, 1.35, 0.95, 1.30, 0.80};
    /** Relative win rate by channel, normalised later. */
    static final double[] WIN_FACTOR = {1.00, 1.00, 0.95, 0.80, 1.30, 0.95, 1.20, 0.90};
    /** New leads ÷ web sessions by channel (events leads come mostly from badge scans, hence few sessions). */
    static final double[] SESSION_CONVERSION = {0.025, 0.025, 0.040, 0.022, 0.045, 0.045, 0.150, 0.020};
    /** Engaged-session share, pages per session and seconds per session by channel: {min, max}. */
    static final double[][] ENGAGED_SHARE = {
        {0.62, 0.70}, {0.58, 0.68}, {0.55, 0.64}, {0.55, 0.60}, {0.60, 0.70}, {0.58, 0.68}, {0.60, 0.70}, {0.55, 0.62}};
    static final double[][] PAGES_PER_SESSION = {
        {2.6, 3.8}, {2.4, 3.4}, {2.1, 2.9}, {2.0, 2.6}, {2.6, 3.6}, {2.3, 3.2}, {2.5, 3.5}, {2.0, 2.8}};
    static final double[][] SECONDS_PER_SESSION = {
        {120, 175}, {95, 150}, {70, 120}, {62, 100}, {110, 170}, {90, 140}, {100, 160}, {62, 110}};

    /** Channel mix of touches after the first one (nurture). */
    static final double[] NURTURE_MIX = {0.24, 0.22, 0.10, 0.10, 0.02, 0.28, 0.04, 0.00};

    // ---------------------------------------------------------------- funnel benchmarks
    //
    // Stage conversion (cohort) inside the catalogue's bands: lead→MQL 30–35 %, MQL→SQL 25–28 %,
    // SQL→opportunity 50–55 %, win rate ~25 %. Multiplied they give 0.325 × 0.265 × 0.525 × 0.25 ≈ 1.1 % lead→customer,
    // below the catalogue's separate 3–5 % lead→customer band: the stage bands win, on purpose.

    static final double LEAD_TO_MQL = 0.325;
    static final double MQL_TO_SQL = 0.265;
    static final double SQL_TO_OPP = 0.525;
    static final double WIN_RATE = 0.25;

    // ---------------------------------------------------------------- marketing cost per new lead (EUR)
    //
    // Ad spend ≈ 0.20 × 110 (Google) + 0.15 × (0.6 × 160 LinkedIn + 0.4 × 90 Meta) ≈ 41.8 € per lead,
    // costs.csv marketing ≈ 42 € per lead: cost per lead ≈ 84 €, inside the 60–120 € band at any size.

    static final double CPL_GOOGLE = 110;
    static final double CPL_LINKEDIN = 160;
    static final double CPL_META = 90;
    static final double LINKEDIN_SHARE_OF_PAID_SOCIAL = 0.6;

    /** costs.csv marketing rows: channel (-1 = overhead, empty channel), EUR per new lead, label. */
    static final int[] MARKETING_COST_CHANNEL = {EVENTS, EMAIL, ORGANIC, PAID_SEARCH, PAID_SOCIAL, -1};
    static final double[] MARKETING_COST_PER_LEAD = {14.0, 3.5, 9.0, 2.0, 1.5, 12.0};
    /** Sales (salaries) and other cost per new lead and year, EUR. */
    static final double SALES_COST_PER_LEAD_YEAR = 150.0;
    static final double OTHER_COST_PER_LEAD_YEAR = 25.0;

    // ---------------------------------------------------------------- campaigns

    static final String PLATFORM_GOOGLE = "google_ads";
    static final String PLATFORM_LINKEDIN = "linkedin_ads";
    static final String PLATFORM_META = "meta_ads";
    static final String PLATFORM_EMAIL = "email";
    static final String PLATFORM_EVENTS = "events";

    /** One campaign: {@code activeMonth} 0 = always on, else the month of year (1–12) of a trade fair. */
    record Campaign(String id, String name, int channel, String platform, double weight, int activeMonth,
                    boolean webinar) {
        boolean paid() {
            return platform.equals(PLATFORM_GOOGLE) || platform.equals(PLATFORM_LINKEDIN) || platform.equals(PLATFORM_META);
        }
    }

    static final Campaign[] CAMPAIGNS = {
        new Campaign("cmp-001", "Google Ads – Brand DACH", PAID_SEARCH, PLATFORM_GOOGLE, 3.0, 0, false),
        new Campaign("cmp-002", "Google Ads – Brand US", PAID_SEARCH, PLATFORM_GOOGLE, 1.5, 0, false),
        new Campaign("cmp-003", "Google Ads – CRM Sync Generic", PAID_SEARCH, PLATFORM_GOOGLE, 2.0, 0, false),
        new Campaign("cmp-004", "Google Ads – Revenue Analytics", PAID_SEARCH, PLATFORM_GOOGLE, 1.5, 0, false),
        new Campaign("cmp-005", "Google Ads – Competitor Terms", PAID_SEARCH, PLATFORM_GOOGLE, 1.0, 0, false),
        new Campaign("cmp-006", "Google Ads – Funnel Reporting", PAID_SEARCH, PLATFORM_GOOGLE, 1.0, 0, false),
        new Campaign("cmp-007", "Google Ads – Marketing Attribution", PAID_SEARCH, PLATFORM_GOOGLE, 1.0, 0, false),
        new Campaign("cmp-008", "LinkedIn Ads – RevOps Leaders DACH", PAID_SOCIAL, PLATFORM_LINKEDIN, 2.0, 0, false),
        new Campaign("cmp-009", "LinkedIn Ads – CMO Thought Leadership", PAID_SOCIAL, PLATFORM_LINKEDIN, 1.5, 0, false),
        new Campaign("cmp-010", "LinkedIn Ads – Demo Retargeting", PAID_SOCIAL, PLATFORM_LINKEDIN, 1.0, 0, false),
        new Campaign("cmp-011", "LinkedIn Ads – Lead Gen Form Benchmark Report", PAID_SOCIAL, PLATFORM_LINKEDIN, 2.0, 0, false),
        new Campaign("cmp-012", "LinkedIn Ads – US Expansion", PAID_SOCIAL, PLATFORM_LINKEDIN, 1.0, 0, false),
        new Campaign("cmp-013", "Meta Ads – Website Visitor Retargeting", PAID_SOCIAL, PLATFORM_META, 1.5, 0, false),
        new Campaign("cmp-014", "Meta Ads – Customer Lookalikes", PAID_SOCIAL, PLATFORM_META, 1.0, 0, false),
        new Campaign("cmp-015", "Meta Ads – Webinar Promotion", PAID_SOCIAL, PLATFORM_META, 1.0, 0, false),
        new Campaign("cmp-016", "Newsletter – Monthly RevOps Digest", EMAIL, PLATFORM_EMAIL, 3.0, 0, false),
        new Campaign("cmp-017", "Newsletter – Product Updates", EMAIL, PLATFORM_EMAIL, 1.0, 0, false),
        new Campaign("cmp-018", "Nurture – Trial Onboarding", EMAIL, PLATFORM_EMAIL, 1.5, 0, false),
        new Campaign("cmp-019", "Nurture – MQL Recycling", EMAIL, PLATFORM_EMAIL, 1.0, 0, false),
        new Campaign("cmp-020", "Email – Benchmark Report Launch", EMAIL, PLATFORM_EMAIL, 1.5, 0, false),
        new Campaign("cmp-021", "Webinar – Closed-Loop Attribution 101", EVENTS, PLATFORM_EVENTS, 2.0, 0, true),
        new Campaign("cmp-022", "Webinar – Funnel KPIs that Matter", EVENTS, PLATFORM_EVENTS, 2.0, 0, true),
        new Campaign("cmp-023", "Webinar – Pipeline Forecasting", EVENTS, PLATFORM_EVENTS, 1.5, 0, true),
        new Campaign("cmp-024", "Trade Fair – DMEXCO Cologne", EVENTS, PLATFORM_EVENTS, 6.0, 9, false),
        new Campaign("cmp-025", "Trade Fair – OMR Festival Hamburg", EVENTS, PLATFORM_EVENTS, 6.0, 5, false),
        new Campaign("cmp-026", "Trade Fair – SaaStr Europa", EVENTS, PLATFORM_EVENTS, 5.0, 6, false),
        new Campaign("cmp-027", "Roadshow – RevOps Breakfast Zurich", EVENTS, PLATFORM_EVENTS, 3.0, 3, false),
    };

    // ---------------------------------------------------------------- touchpoint sources (GA-like)

    static final String[][] SOURCES = {
        {"(direct)", "(none)"},          // 0
        {"google", "organic"},           // 1
        {"bing", "organic"},             // 2
        {"duckduckgo", "organic"},       // 3
        {"google", "cpc"},               // 4
        {"linkedin", "paid_social"},     // 5
        {"facebook", "paid_social"},     // 6
        {"partner", "referral"},         // 7
        {"g2.com", "referral"},          // 8
        {"capterra.com", "referral"},    // 9
        {"linkedin.com", "referral"},    // 10
        {"newsletter", "email"},         // 11
        {"webinar", "event"},            // 12
        {"tradefair", "event"},          // 13
        {"(not set)", "(not set)"},      // 14
        {"crm", "sales"},                // 15
    };
    static final int SRC_DIRECT = 0;
    static final int SRC_CRM = 15;

    static final String[] TOUCH_TYPES = {
        "ad_click", "form", "webinar", "email_click", "page_view", "content_download", "pricing_page", "demo_request",
        "meeting", "email_reply"};
    static final int T_AD_CLICK = 0;
    static final int T_FORM = 1;
    static final int T_WEBINAR = 2;
    static final int T_EMAIL_CLICK = 3;
    static final int T_PAGE_VIEW = 4;
    static final int T_CONTENT = 5;
    static final int T_PRICING = 6;
    static final int T_DEMO = 7;
    static final int T_MEETING = 8;
    static final int T_EMAIL_REPLY = 9;

    static final String[] ACTIVITY_TYPES = {"call", "email", "meeting"};

    static final String[] DEAL_STAGES = {
        "qualification", "discovery", "proposal", "negotiation", "closed_won", "closed_lost"};
    static final int S_QUALIFICATION = 0;
    static final int S_DISCOVERY = 1;
    static final int S_PROPOSAL = 2;
    static final int S_NEGOTIATION = 3;
    static final int S_WON = 4;
    static final int S_LOST = 5;

    // ---------------------------------------------------------------- accounts

    static final String[] COUNTRIES = {"DE", "AT", "CH", "US", "GB", "NL", "FR", "SE", "BE"};
    static final double[] COUNTRY_MIX = {0.34, 0.08, 0.08, 0.20, 0.10, 0.08, 0.07, 0.03, 0.02};
    static final String[] TLDS = {".de", ".at", ".ch", ".com", ".co.uk", ".nl", ".fr", ".se", ".be"};
    static final String[] LEGAL_FORMS = {"GmbH", "GmbH", "AG", "Inc.", "Ltd", "B.V.", "SAS", "AB", "NV"};
    static final int US = 3;

    static final String[] INDUSTRIES = {
        "Software", "Manufacturing", "Financial Services", "Healthcare", "Retail", "Logistics",
        "Professional Services", "Energy", "Telecommunications", "Education"};
    static final double[] INDUSTRY_MIX = {0.25, 0.15, 0.12, 0.08, 0.10, 0.08, 0.12, 0.04, 0.03, 0.03};
    /** Annual revenue per employee by industry, EUR. */
    static final double[] REVENUE_PER_EMPLOYEE = {
        180_000, 160_000, 260_000, 140_000, 210_000, 170_000, 130_000, 420_000, 300_000, 90_000};
    /** Name endings by industry; all distinct, so account names are unique by construction. */
    static final String[][] NAME_ENDINGS = {
        {"Software", "Systems", "Cloud", "Labs"},
        {"Maschinenbau", "Industries", "Werke", "Automation"},
        {"Finance", "Capital", "Payments", "Asset Management"},
        {"Health", "Medical", "Pharma", "Care"},
        {"Retail", "Commerce", "Stores", "Fashion"},
        {"Logistics", "Freight", "Transport", "Shipping"},
        {"Consulting", "Partners", "Advisory", "Solutions"},
        {"Energy", "Power", "Solar", "Utilities"},
        {"Telecom", "Networks", "Connect", "Mobile"},
        {"Academy", "Learning", "Education", "Institute"},
    };
    static final String[] NAME_STEMS = {
        "Nord", "Alpen", "Rhein", "Isar", "Elb", "Spree", "Donau", "Falken", "Adler", "Lumen", "Vektor", "Quanta",
        "Helix", "Nova", "Orbit", "Polar", "Silber", "Blau", "Kessel", "Hansa", "Stern", "Sonnen", "Wald", "Fels",
        "Meridian", "Atlas", "Apex", "Summit", "Harbor", "Cedar", "Granite", "Beacon", "Pioneer", "Crest", "Vertex",
        "Zenit", "Aurora", "Kobalt", "Titan", "Argon", "Cirrus", "Delta", "Fjord", "Lotus", "Onyx", "Prisma", "Terra",
        "Linden"};
    static final String[] NAME_TAILS = {
        "tech", "ware", "werk", "line", "sys", "data", "flow", "point", "stack", "link", "bridge", "mark", "gate",
        "port", "field", "berg", "stein", "hof"};
    static final String[] NAME_PLACES = {
        "Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Stuttgart", "Dusseldorf", "Leipzig", "Dresden",
        "Hannover", "Nuremberg", "Bremen", "Vienna", "Graz", "Zurich", "Basel", "Bern", "Amsterdam", "Rotterdam",
        "Utrecht", "Paris", "Lyon", "London", "Manchester", "Bristol", "Stockholm", "Brussels", "Boston", "Austin",
        "Chicago", "Denver", "Seattle", "Atlanta", "Dublin", "Milan", "Madrid", "Lisbon", "Prague", "Warsaw",
        "Copenhagen"};
    static final String[] NAME_GROUPS = {"Group", "Holding", "International"};

    // ---------------------------------------------------------------- people

    static final String[] OWNERS = {
        "anna.becker", "jonas.weber", "lena.schmidt", "max.hoffmann", // DACH and Nordics
        "david.miller", "sarah.johnson",                              // US
        "sophie.martin", "tom.jansen"};                               // GB, NL, FR, BE
    /** Owner candidates by country index. */
    static final int[][] OWNERS_BY_COUNTRY = {
        {0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2, 3}, {4, 5}, {6, 7}, {6, 7}, {6, 7}, {0, 1, 2, 3}, {6, 7}};

    static final String[] FIRST_NAMES = {
        "Anna", "Lukas", "Lea", "Felix", "Marie", "Jonas", "Sophie", "Leon", "Emma", "Paul", "Mia", "Elias", "Hannah",
        "Noah", "Laura", "Tim", "Julia", "Jan", "Lisa", "Niklas", "Sarah", "David", "James", "Emily", "Oliver",
        "Charlotte", "Daniel", "Olivia", "Thomas", "Chloe", "Pierre", "Camille", "Lars", "Ingrid", "Sven", "Eva",
        "Pieter", "Sanne", "Luca", "Clara", "Michael", "Jessica", "Matthias", "Katharina"};
    static final String[] LAST_NAMES = {
        "Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Braun", "Zimmermann", "Krueger", "Hartmann",
        "Lange", "Werner", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Martin", "Bernard",
        "Dubois", "Jansen", "Bakker", "Visser", "Andersson", "Johansson", "Peeters", "Rossi", "Garcia", "Huber",
        "Gruber", "Keller", "Baumann"};
    static final String[] TITLES = {
        "Head of Marketing", "VP Sales", "Marketing Operations Manager", "Revenue Operations Lead",
        "Chief Revenue Officer", "Sales Operations Manager", "Growth Marketing Manager", "Demand Generation Manager",
        "CEO", "Head of Sales", "Marketing Director", "Data Analyst", "CRM Manager", "CFO", "Head of Growth",
        "Business Intelligence Manager", "Chief Marketing Officer", "Performance Marketing Manager"};
    static final double[] TITLE_MIX = {
        0.09, 0.07, 0.09, 0.08, 0.03, 0.07, 0.07, 0.07, 0.03, 0.07, 0.06, 0.05, 0.06, 0.02, 0.04, 0.04, 0.02, 0.04};

    // ---------------------------------------------------------------- calendar

    /** Relative lead volume Monday..Sunday. */
    static final double[] WEEKDAY_WEIGHT = {1.05, 1.12, 1.10, 1.05, 0.88, 0.32, 0.28};
    /** Relative lead volume by hour of day, UTC (European business hours dominate). */
    static final double[] HOUR_WEIGHT = {
        1, 1, 1, 1, 1, 2, 4, 8, 11, 12, 12, 11, 10, 11, 12, 11, 9, 7, 5, 4, 3, 2, 2, 1};
    /** Month-over-month growth of lead volume. */
    static final double MONTHLY_GROWTH = 0.07;
}
