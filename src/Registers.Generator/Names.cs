namespace Registers.Generator;

/// <summary>The made-up world's vocabulary: common British names of people, streets and towns, cars and colours.</summary>
internal static class Names
{
    /// <summary>Towns and their real postcode areas, so that postcodes look right for the town.</summary>
    public static readonly (string Town, string Area)[] Towns =
    [
        ("Aberdeen", "AB"), ("Bath", "BA"), ("Belfast", "BT"), ("Bristol", "BS"), ("Cardiff", "CF"), ("Carlisle", "CA"),
        ("Chester", "CH"), ("Derby", "DE"), ("Dundee", "DD"), ("Durham", "DH"), ("Exeter", "EX"), ("Hull", "HU"),
        ("Inverness", "IV"), ("Ipswich", "IP"), ("Leeds", "LS"), ("Lincoln", "LN"), ("Newport", "NP"), ("Norwich", "NR"),
        ("Oxford", "OX"), ("Perth", "PH"), ("Reading", "RG"), ("Stoke-on-Trent", "ST"), ("Swansea", "SA"), ("Truro", "TR"), ("York", "YO"),
    ];

    public static readonly string[] StreetNames =
    [
        "Church", "Station", "Mill", "Park", "Victoria", "Manor", "Orchard", "Meadow", "Chapel", "School", "North", "South",
        "High", "King", "Albert", "Windsor", "Springfield", "Highfield", "Grange", "Oak", "Elm", "Willow", "Beech", "Cedar",
        "Queen's", "St John's", "Bridge", "Castle", "Market", "Water",
    ];

    public static readonly string[] StreetKinds = ["Street", "Road", "Lane", "Avenue", "Close", "Way", "Drive", "Gardens", "Crescent", "Terrace"];

    public static readonly string[] HouseNames =
    [
        "Rose Cottage", "The Old Forge", "Ivy House", "The Laurels", "Orchard View", "Hillcrest", "The Willows", "Fairview",
        "Holly Lodge", "The Old School House", "Bramble Cottage", "Ty Gwyn",
    ];

    public static readonly string[] FemaleFirst =
    [
        "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Florence", "Freya", "Grace", "Sophia", "Emily", "Evie", "Poppy",
        "Ella", "Chloe", "Aisha", "Priya", "Siobhan", "Cerys", "Eilidh", "Zofia", "Margaret", "Susan", "Ruth", "Niamh",
    ];

    public static readonly string[] MaleFirst =
    [
        "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Muhammad", "Oscar", "Charlie", "Jacob", "Thomas", "Alfie",
        "Henry", "William", "James", "Joshua", "Daniel", "Ravi", "Rhys", "Callum", "Tomasz", "David", "Peter", "Kwame", "Sean",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson",
        "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel",
        "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Lee", "King", "Baker", "Morgan",
        "O'Brien", "Khan", "Ahmed", "Begum", "Kaur", "Singh", "Nowak", "MacDonald", "Campbell", "Murphy", "Kelly", "Mensah", "Okafor",
    ];

    /// <summary>Makes and some of their models.</summary>
    public static readonly (string Make, string[] Models)[] Cars =
    [
        ("Ford", ["Fiesta", "Focus", "Puma", "Kuga", "Transit"]), ("Vauxhall", ["Corsa", "Astra", "Mokka"]),
        ("Volkswagen", ["Golf", "Polo", "Tiguan"]), ("Toyota", ["Yaris", "Corolla", "RAV4", "Prius"]),
        ("Nissan", ["Qashqai", "Juke", "Micra", "Leaf"]), ("BMW", ["1 Series", "3 Series", "X1"]), ("Kia", ["Sportage", "Picanto", "Niro"]),
        ("Audi", ["A3", "A4", "Q3"]), ("Mercedes-Benz", ["A-Class", "C-Class"]), ("Peugeot", ["208", "2008", "3008"]),
        ("Honda", ["Jazz", "Civic", "CR-V"]), ("Hyundai", ["i10", "Tucson", "Kona"]), ("Mini", ["Hatch", "Countryman"]),
        ("Land Rover", ["Defender", "Discovery Sport"]), ("Skoda", ["Octavia", "Fabia"]),
    ];

    /// <summary>Cars sold from 2019 on, when electric ones became common.</summary>
    public static readonly (string Make, string[] Models)[] RecentCars = [.. Cars, ("Tesla", ["Model 3", "Model Y"]), ("Volkswagen", ["ID.3", "ID.4"])];

    public static readonly string[] Colours = ["Black", "White", "Silver", "Grey", "Blue", "Red", "Green", "Yellow", "Orange", "Bronze", "Beige", "Purple"];
}
