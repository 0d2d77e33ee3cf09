import Reconciliation

/// Word lists from which realistic HMICFRS findings are composed: "By March 2022, the force should improve the
/// timely supervision of missing person investigations in the control room, so that victims …".
enum Phrasebook {
    static let actions = [
        "improve", "review", "strengthen", "develop", "establish", "introduce", "evaluate", "monitor", "audit",
        "standardise", "streamline", "embed", "prioritise", "resource", "refine", "formalise", "implement", "update",
        "assure", "expand", "clarify", "reinforce", "coordinate", "rationalise", "document", "oversee", "test",
        "extend", "integrate", "measure", "modernise", "simplify",
    ]
    static let qualities = [
        "effective", "consistent", "timely", "proportionate", "robust", "thorough", "accurate", "structured",
        "coordinated", "comprehensive", "reliable", "transparent", "sustainable", "rigorous", "appropriate",
        "targeted", "integrated", "accessible", "documented", "independent", "joined-up", "risk-based", "regular",
        "specialist", "mandatory", "quality-assured", "evidence-based", "victim-focused", "collaborative",
        "dedicated", "local", "strategic", "operational", "frontline", "digital", "secure", "informed", "active",
    ]
    static let activities = [
        "supervision", "triage", "safeguarding", "recording", "allocation", "investigation", "assessment", "review",
        "training", "briefing", "tasking", "governance", "oversight", "scrutiny", "referral", "analysis", "auditing",
        "debriefing", "mentoring", "planning", "monitoring", "engagement", "communication", "decision-making",
        "intelligence sharing", "case management", "demand management", "performance management", "vetting",
        "workforce planning", "resourcing", "record keeping", "problem solving", "call handling", "prioritisation",
        "victim contact", "file preparation", "evidence gathering", "data quality", "information management",
        "partnership working", "risk management", "offender management", "disclosure", "custody processes",
        "crime scene management", "digital forensics", "wellbeing support", "professional development", "feedback",
    ]
    static let subjects = [
        "missing person investigations", "domestic abuse cases", "stalking protection orders",
        "child sexual exploitation",
        "county lines activity", "modern slavery referrals", "hate crime reports", "rape and serious sexual offences",
        "anti-social behaviour incidents", "fraud reports", "cyber crime", "serious organised crime",
        "registered sex offenders", "vulnerable adults", "children at risk", "mental health incidents",
        "emergency calls", "non-emergency calls", "crime reports", "incident logs", "stop and search encounters",
        "use of force records", "custody detainees", "bail management", "released under investigation cases",
        "outcome 16 decisions", "out of court disposals", "victim needs assessments", "repeat victims",
        "honour-based abuse", "female genital mutilation", "forced marriage", "coercive control",
        "online child abuse", "knife crime", "drug supply", "burglary investigations", "vehicle crime",
        "neighbourhood priorities", "prevention activity", "public complaints", "misconduct cases",
        "counter-corruption intelligence", "information security breaches", "firearms licensing",
        "road policing", "rural crime", "wildlife crime", "heritage crime", "business crime",
        "elder abuse", "adolescent to parent violence", "image-based abuse", "sextortion reports",
        "missing children from care", "looked-after children", "youth diversion", "integrated offender management",
        "multi-agency public protection arrangements", "multi-agency risk assessment conferences",
        "domestic violence protection notices", "Clare's Law disclosures", "sudden deaths", "hospital attendances",
        "school engagement", "community triggers", "third-party reporting", "victim code compliance",
        "witness care", "charging decisions", "case files", "digital evidence", "body-worn video footage",
    ]
    static let modifiers = [
        "high-risk", "repeat", "non-recent", "medium-risk", "reported", "outstanding", "complex", "online",
        "cross-border", "young", "adult", "priority", "linked", "unresolved", "historic", "escalated",
    ]
    static let followUps = [
        "evaluate", "publish", "share", "report on", "review", "record", "monitor", "track", "explain", "test",
        "assure", "audit", "brief", "embed", "sustain",
    ]
    static let followUpObjects = [
        "the impact of the changes", "its use of body-worn video", "the quality of referrals to partners",
        "compliance with the new policy", "the findings with the police and crime commissioner",
        "the results to the chief officer group", "lessons learned from complaints", "the learning from audits",
        "progress at the force performance board", "the effect on victim satisfaction", "its data on outcomes",
        "how decisions are made", "the training that supervisors receive", "the outcome of dip samples",
        "changes to its operating model", "the demand on specialist teams", "the accuracy of its records",
        "the views of community groups", "its approach to diversity data", "the timeliness of its reviews",
        "its use of digital tools", "the workload of investigators", "the rate of victim withdrawal",
        "its understanding of disproportionality", "the arrangements with health partners",
        "the number of cases awaiting allocation", "its management information",
        "the consistency of supervisory reviews",
    ]
    static let placePrepositions = ["in the", "within the", "across the", "throughout the", "at the", "by the"]
    static let units = [
        "control room", "public protection unit", "force control centre", "multi-agency safeguarding hub",
        "crime management unit", "resolution centre", "economic crime unit", "serious crime directorate",
        "intelligence bureau", "vulnerability hub", "force incident management unit", "digital investigation unit",
        "rape investigation team", "missing from home team", "custody suites", "professional standards department",
        "criminal investigation department", "neighbourhood policing teams", "response teams", "district command units",
        "local policing areas", "specialist operations command", "roads policing unit", "firearms licensing unit",
        "child abuse investigation unit", "domestic abuse safeguarding team", "offender management unit",
        "witness care unit", "criminal justice unit", "disclosure unit", "contact management centre", "training school",
        "people services directorate", "corporate development department", "information management unit",
        "anti-corruption unit", "cyber crime unit", "major investigation team", "operational support unit",
        "partnership hub", "early intervention team", "harm reduction unit",
    ]
    static let beneficiaries = [
        "victims", "vulnerable people", "officers and staff", "supervisors", "leaders", "partners", "the public",
        "children", "call handlers", "investigators", "frontline officers", "senior managers", "families", "witnesses",
        "survivors", "young people",
    ]
    static let outcomes = [
        "receive an appropriate service", "are protected from harm", "understand their responsibilities",
        "have accurate information", "can have confidence in the service", "are kept informed", "are supported",
        "have the skills they need", "are safeguarded without delay", "can identify risk", "receive timely updates",
        "are engaged at an early stage", "are treated fairly", "can access specialist support",
        "get the outcome they deserve", "are not left without contact", "understand the risks",
        "can make informed decisions", "are properly supervised", "are given clear direction",
        "share information promptly", "are referred to support services", "have their needs assessed",
        "are contacted within agreed timescales", "recognise the signs of exploitation", "know how to raise concerns",
    ]
    static let aims = [
        "to reduce repeat victimisation", "to improve outcomes for victims", "to comply with national standards",
        "to ensure that safeguarding is not delayed", "in line with the authorised professional practice",
        "to meet the requirements of the victims code", "to improve the quality of investigations",
        "to reduce the number of unallocated cases", "to ensure compliance with the national crime recording standard",
        "to prevent further offending", "to make best use of available resources",
        "to reduce delays in the criminal justice process", "to understand demand and plan accordingly",
        "to improve the timeliness of responses", "to strengthen public trust", "to reduce attrition in rape cases",
        "to identify emerging threats", "to close gaps in the intelligence picture", "to raise detection rates",
        "to secure better evidence at the scene", "to lower the risk of serious harm", "to cut avoidable demand",
        "to meet statutory obligations", "to learn from serious case reviews", "to protect the integrity of crime data",
    ]
    static let topics = [
        "vulnerability", "domestic abuse", "crime recording", "child protection", "custody", "stalking and harassment",
        "fraud", "county lines", "serious and organised crime", "counter-corruption", "digital forensics",
        "violence against women and girls", "rape investigations", "missing children",
        "mental health", "firearms licensing", "neighbourhood policing", "the criminal justice system",
        "hate crime", "modern slavery", "victim service", "legitimacy", "efficiency", "leadership",
        "vetting and misconduct", "online child sexual abuse", "roads policing", "anti-social behaviour",
        "the use of stop and search", "race disparity", "call handling", "investigation standards",
    ]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    static let people = [
        "ACC Local Policing", "ACC Specialist Crime", "Deputy Chief Constable", "Chief Superintendent Ops",
        "Head of Public Protection", "Head of Crime", "Head of Corporate Services", "Chief Finance Officer",
        "HR Director", "Superintendent Response", "Superintendent Neighbourhoods", "DCI Safeguarding",
        "Force Crime Registrar", "Head of Contact", "Head of Professional Standards", "Det Supt Major Crime",
    ]
    static let boards = [
        "Inspection and Audit Monitoring Board", "Vulnerability Delivery and Assurance Group",
        "Crime Delivery and Assurance Group", "Local Policing Delivery Group", "People Board",
        "Public Protection Board", "Criminal Justice Board", "Contact Management Board",
    ]
    static let otherForces = [
        "Durham Constabulary", "Northumbria Police", "North Yorkshire Police", "Humberside Police",
        "West Yorkshire Police", "Devon and Cornwall Police",
    ]
}
