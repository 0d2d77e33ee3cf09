/// The fictional force's vocabulary: who leads what, which board watches it, and the wording HMICFRS uses.

/// The force every sample row belongs to.
let forceName = "Northmoor Police"

/// A subject area: who owns it in the force, which board monitors it, and improvements HMICFRS asks for in it.
struct Theme {
    /// What a cause of concern in this area is about ("The force's approach to … is a cause of concern").
    var topic: String
    var forceLead: String
    var deliveryLeads: [String]
    var board: String
    /// PEEL assessment framework question area (appendix B of the source report).
    var pafArea: String
    /// Phrases that read on from "should …".
    var actions: [String]
}

/// The PEEL assessment framework's question areas, as the register's PAF Area column writes them.
enum PAF {
    static let victims = "Q1 Providing a service to the victims of crime"
    static let engaging = "Q2 Engaging with and treating the public fairly"
    static let preventing = "Q3 Preventing and deterring crime and vulnerability"
    static let responding = "Q4 Responding to the public"
    static let investigating = "Q5 Investigating crime"
    static let vulnerable = "Q6 Protecting vulnerable people"
    static let offenders = "Q7 Managing offenders and suspects"
    static let soc = "Q8 Disrupting serious and organised crime"
    static let workforce = "Q11 Building, developing and looking after the workforce"
    static let efficiency = "Q12 Planning and managing the organisation efficiently"
}

/// The themes the samples draw on, by short key.
let themes: [String: Theme] = [
    "victims": Theme(
        topic: "recording crime and supporting victims",
        forceLead: "ACC Crime and Justice",
        deliveryLeads: ["Ms L. Pryce, Force Crime Registrar", "Det Supt J. Okafor"],
        board: "Crime Data Integrity Board", pafArea: PAF.victims,
        actions: [
            "make sure that all reports of crime, including those from partner agencies, are recorded within 24 hours",
            "improve how it records reports of violent crime, including common assault and harassment",
            "make sure that cancelled crime records are reviewed by a trained decision-maker",
            "make sure that victims are told when their crime record is cancelled or its classification changed",
            "improve its compliance with the Code of Practice for Victims of Crime, including victim needs assessments",
            "make sure that outcome decisions are recorded accurately and that victims' views are captured",
        ]),
    "contact": Theme(
        topic: "answering and responding to calls for service",
        forceLead: "ACC Local Policing", deliveryLeads: ["Ch Supt A. Marchetti", "Supt R. Havelock"],
        board: "Local Policing Delivery and Assurance Group", pafArea: PAF.responding,
        actions: [
            "improve the time it takes to answer emergency and non-emergency calls",
            "make sure that call handlers use a structured risk assessment such as THRIVE at first point of contact",
            "make sure that repeat and vulnerable callers are identified at first point of contact",
            "make sure that it attends calls for service within its published response times",
            "make sure that it gives callers appropriate advice on preserving evidence and keeping themselves safe",
            "improve the supervision of open incidents in the force control room",
        ]),
    "investigation": Theme(
        topic: "the quality and supervision of investigations",
        forceLead: "ACC Crime and Justice", deliveryLeads: ["Det Supt J. Okafor", "Det Chief Insp S. Lindqvist"],
        board: "Crime and Justice Delivery and Assurance Group", pafArea: PAF.investigating,
        actions: [
            "make sure that investigations are allocated to officers with the right skills and experience",
            "improve the quality of investigation plans and the supervision of investigations",
            "reduce the backlog of digital devices awaiting examination",
            "make sure that it uses the full range of outcomes, including Outcome 16, appropriately",
            "make sure that suspects released under investigation are reviewed and the investigation progressed",
            "make sure that it tracks and arrests wanted persons and suspects in a timely manner",
        ]),
    "vulnerability": Theme(
        topic: "identifying and protecting vulnerable people",
        forceLead: "ACC Crime and Justice", deliveryLeads: ["Det Supt H. Achterberg", "Det Chief Insp P. Nwosu"],
        board: "Vulnerability Delivery and Assurance Group", pafArea: PAF.vulnerable,
        actions: [
            "make sure that officers complete risk assessments for all domestic abuse incidents",
            "make better use of domestic violence protection notices and orders",
            "improve how it identifies and safeguards people at risk of exploitation",
            "make sure that referrals to the multi-agency safeguarding hub are assessed without delay",
            "improve how it records and shares information about vulnerable adults with partner agencies",
            "make sure that missing children are risk-assessed and that return home interviews are completed",
            "improve its understanding of the demand arising from mental health incidents",
        ]),
    "children": Theme(
        topic: "the protection of children",
        forceLead: "ACC Crime and Justice", deliveryLeads: ["Det Supt H. Achterberg", "Det Insp C. Fairweather"],
        board: "Vulnerability Delivery and Assurance Group", pafArea: PAF.vulnerable,
        actions: [
            "make sure that officers record the voice of the child and their behaviour at every incident",
            "make sure that strategy discussions involve the police whenever a child may be at risk of significant harm",
            "improve the quality of its referrals to children's social care",
            "make sure that children detained in custody overnight are transferred to local authority accommodation",
            "review how it manages registered sex offenders who pose a risk to children",
            "improve the timeliness of investigations into child sexual abuse",
            "make sure that children who go missing repeatedly are identified and their risk assessed",
        ]),
    "neighbourhood": Theme(
        topic: "neighbourhood policing and prevention",
        forceLead: "ACC Local Policing", deliveryLeads: ["Supt R. Havelock", "Chief Insp M. Begum"],
        board: "Local Policing Delivery and Assurance Group", pafArea: PAF.preventing,
        actions: [
            "make sure that neighbourhood officers are not routinely taken away from their core duties",
            "improve how it evaluates problem-solving activity and shares what works",
            "make sure that it engages with all of its communities, including those that are seldom heard",
            "improve its use of anti-social behaviour powers with partner organisations",
        ]),
    "legitimacy": Theme(
        topic: "the fair use of police powers",
        forceLead: "DCC", deliveryLeads: ["Supt D. Kowalczyk", "Chief Insp M. Begum"],
        board: "Legitimacy and Scrutiny Board", pafArea: PAF.engaging,
        actions: [
            "make sure that the grounds for stop and search are recorded and are reasonable",
            "improve the external scrutiny of its use of force and stop and search, including body-worn video footage",
            "make sure that it analyses and explains disproportionality in its use of stop and search",
            "make sure that officers are trained in the fair use of stop and search",
        ]),
    "workforce": Theme(
        topic: "vetting and professional standards",
        forceLead: "DCC",
        deliveryLeads: ["Det Supt T. Ellery, Head of Professional Standards", "Mrs K. Tremayne, Head of Vetting"],
        board: "Professional Standards and Ethics Board", pafArea: PAF.workforce,
        actions: [
            "make sure that all officers and staff hold the correct level of vetting for their post",
            "make sure that vetting decisions record the rationale for managing identified risk",
            "improve its counter-corruption unit's capacity to seek intelligence on abuse of position for a sexual purpose",
            "make sure that all workstations are monitored for misuse of police systems",
            "improve how it records and assesses allegations of misogynistic and predatory behaviour",
            "make sure that the wellbeing of officers and staff is understood and supported",
        ]),
    "custody": Theme(
        topic: "the treatment of detainees in custody",
        forceLead: "ACC Operations", deliveryLeads: ["Supt N. Adeyemi", "Chief Insp G. Rowntree"],
        board: "Criminal Justice Delivery and Assurance Group", pafArea: PAF.offenders,
        actions: [
            "make sure that detainees' risk assessments are completed and reviewed throughout their detention",
            "improve the governance of the use of force in custody",
            "make sure that strip searches are justified, authorised and recorded",
            "make sure that detainees receive timely access to health and mental health care",
            "reduce the time detainees wait for appropriate adults",
        ]),
    "fraud": Theme(
        topic: "the response to fraud",
        forceLead: "ACC Crime and Justice", deliveryLeads: ["Det Supt W. Castellanos", "Det Insp E. Strand"],
        board: "Serious and Organised Crime Board", pafArea: PAF.soc,
        actions: [
            "make sure that Action Fraud disseminations are allocated and investigated without delay",
            "make sure that vulnerable victims of fraud are identified and given protect advice",
            "adopt the national fraud outcome recording standards",
        ]),
    "soc": Theme(
        topic: "disrupting serious and organised crime",
        forceLead: "ACC Crime and Justice", deliveryLeads: ["Det Supt W. Castellanos", "Det Chief Insp F. Harrow"],
        board: "Serious and Organised Crime Board", pafArea: PAF.soc,
        actions: [
            "make sure that modern slavery victims are identified and referred to the National Referral Mechanism",
            "improve its intelligence picture of county lines and serious youth violence",
            "make sure that lead responsible officers are appointed for every mapped organised crime group",
            "improve its use of ancillary orders to disrupt organised criminals",
        ]),
    "roads": Theme(
        topic: "roads policing",
        forceLead: "ACC Operations", deliveryLeads: ["Supt N. Adeyemi", "Insp B. Quayle"],
        board: "Operations Delivery and Assurance Group", pafArea: PAF.preventing,
        actions: [
            "make sure that its roads policing strategy is informed by a comprehensive analysis of road harm",
            "make sure that its fatal collision investigators are trained and accredited",
            "improve how it deals with dashcam footage submitted by the public",
        ]),
    "vawg": Theme(
        topic: "tackling violence against women and girls",
        forceLead: "ACC Crime and Justice", deliveryLeads: ["Det Supt H. Achterberg", "Det Chief Insp P. Nwosu"],
        board: "Vulnerability Delivery and Assurance Group", pafArea: PAF.vulnerable,
        actions: [
            "make the relentless pursuit and disruption of perpetrators of violence against women and girls a priority",
            "make sure that victims of stalking are identified and stalking protection orders are used",
            "improve how it supports victims of rape through the investigation and prosecution",
            "make sure that harassment and stalking are recorded correctly",
        ]),
    "efficiency": Theme(
        topic: "planning and managing resources",
        forceLead: "Director of Finance and Resources",
        deliveryLeads: ["Mr O. Delacroix, Head of Business Change", "Ms Y. Farrant, Head of Estates"],
        board: "Strategic Resourcing Board", pafArea: PAF.efficiency,
        actions: [
            "make sure that its force management statement is informed by a thorough analysis of demand",
            "improve its understanding of the skills and capabilities of its workforce",
            "make sure that it can demonstrate the benefits of its change programme",
        ]),
]

/// An originating inspection: its title, the group its title should derive to, when it reported, and its subjects.
struct Inspection {
    var title: String
    /// The summary group the title must derive to under the product's rules.
    var group: String
    var year: Int
    var themes: [String]
    /// True for a national report whose recommendations are addressed to all chief constables.
    var national: Bool
}

/// The inspections behind the samples, by short key.
let inspections: [String: Inspection] = [
    "peel2019": Inspection(
        title: "PEEL 2019 integrated inspection of Northmoor Police", group: "Local PEEL", year: 2019,
        themes: ["investigation", "vulnerability", "contact", "legitimacy", "efficiency"], national: false),
    "peel2021": Inspection(
        title: "PEEL 2021/22: An inspection of Northmoor Police", group: "Local PEEL", year: 2022,
        themes: ["contact", "investigation", "vulnerability", "neighbourhood", "workforce"], national: false),
    "peel2023": Inspection(
        title: "PEEL 2023–2025: Police effectiveness, efficiency and legitimacy – Northmoor Police",
        group: "Local PEEL", year: 2024, themes: ["contact", "investigation", "vulnerability", "victims"],
        national: false),
    "peel2025": Inspection(
        title: "PEEL 2025–2027: An inspection of Northmoor Police", group: "Local PEEL", year: 2026,
        themes: ["contact", "investigation", "neighbourhood"], national: false),
    "spotlightBetrayal": Inspection(
        title: "PEEL spotlight report: Shining a light on betrayal – abuse of position for a sexual purpose",
        group: "National PEEL", year: 2019, themes: ["workforce"], national: true),
    "spotlightHardYards": Inspection(
        title: "PEEL spotlight report: The hard yards – police-to-police collaboration",
        group: "National PEEL", year: 2019, themes: ["efficiency"], national: true),
    "spotlightDiverging": Inspection(
        title: "PEEL spotlight report: Diverging under pressure", group: "National PEEL", year: 2020,
        themes: ["investigation", "vulnerability"], national: true),
    "daThematic": Inspection(
        title: "Domestic abuse PEEL thematic: The police response to domestic abuse – an update report",
        group: "National DA PEEL Thematic", year: 2019, themes: ["vulnerability"], national: true),
    "ncpi": Inspection(
        title: "National Child Protection Inspection of Northmoor Police 2018 – re-visit",
        group: "National Child Protection Inspection (NCPI)", year: 2018, themes: ["children"], national: false),
    "cdi": Inspection(
        title: "Crime Data Integrity inspection of Northmoor Police 2018", group: "Crime Data Integrity (CDI)",
        year: 2018,
        themes: ["victims"], national: false),
    "vsa": Inspection(
        title: "Victim Service Assessment: Northmoor Police 2023", group: "Crime Data Integrity (CDI)", year: 2023,
        themes: ["victims"], national: false),
    "stateOfPolicing": Inspection(
        title: "State of Policing: The annual assessment of policing in England and Wales 2025 – national overview",
        group: "Other national thematic inspections", year: 2026, themes: ["investigation"], national: true),
    "fraud": Inspection(
        title: "Fraud: Time to choose – an inspection of the police response to fraud",
        group: "Other national thematic inspections", year: 2019, themes: ["fraud"], national: true),
    "vetting": Inspection(
        title: "An inspection of vetting, misconduct, and misogyny in the police service",
        group: "Other national thematic inspections", year: 2022, themes: ["workforce"], national: true),
    "custody": Inspection(
        title: "Report on an unannounced inspection visit to police custody suites in Northmoor",
        group: "Other national thematic inspections", year: 2021, themes: ["custody"], national: false),
    "stalking": Inspection(
        title: "Living in fear – the police and CPS response to harassment and stalking",
        group: "Other national thematic inspections", year: 2017, themes: ["vawg"], national: true),
    "roads": Inspection(
        title: "Roads policing: Not optional – an inspection of roads policing in England and Wales",
        group: "Other national thematic inspections", year: 2020, themes: ["roads"], national: true),
    "vawg": Inspection(
        title: "Police response to violence against women and girls: final inspection report",
        group: "Other national thematic inspections", year: 2021, themes: ["vawg"], national: true),
    "slavery": Inspection(
        title: "Stolen freedom: the policing response to modern slavery and human trafficking",
        group: "Other national thematic inspections", year: 2017, themes: ["soc"], national: true),
    "rape": Inspection(
        title: "A joint thematic inspection of the police and Crown Prosecution Service's response to rape",
        group: "Other national thematic inspections", year: 2021, themes: ["vawg", "investigation"], national: true),
    "stopSearch": Inspection(
        title: "Disproportionate use of police powers: A spotlight on stop and search and the use of force",
        group: "Other national thematic inspections", year: 2021, themes: ["legitimacy"], national: true),
    "youthViolence": Inspection(
        title: "An inspection of the police response to serious youth violence and county lines",
        group: "Other national thematic inspections", year: 2026, themes: ["soc", "children"], national: true),
    "neighbourhoodGuarantee": Inspection(
        title: "Neighbourhood policing: an inspection of the Neighbourhood Policing Guarantee",
        group: "Other national thematic inspections", year: 2026, themes: ["neighbourhood"], national: true),
]

/// Register spellings per type, most common first.
let registerTypeSpellings: [String: [String]] = [
    "coc": ["Cause of Concern", "Cause of Concern", "CoC"],
    "rec": ["Recommendation", "Recommendation", "Rec"],
    "afi": ["AFI", "AFI", "Area for Improvement"],
]

/// The portal's spelling of each type.
let portalTypeSpelling: [String: String] = [
    "coc": "Cause of concern", "rec": "Recommendation", "afi": "Area for improvement",
]
