using System.Text;

namespace RusSnapshot.Synth.Content;

/// <summary>A name in the three forms a directory needs it in.</summary>
internal sealed class NameForm
{
    public NameForm(string text)
    {
        Text = text;
        Utf8 = Encoding.UTF8.GetBytes(text);
        Ascii = Encoding.ASCII.GetBytes(Names.Transliterate(text));
        AsciiLower = Encoding.ASCII.GetBytes(Names.Transliterate(text).ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal));
        IsAscii = System.Text.Ascii.IsValid(text);
    }

    public string Text { get; }

    /// <summary>As written in cn, displayName, givenName, sn.</summary>
    public byte[] Utf8 { get; }

    /// <summary>Transliterated to ASCII, case kept (X.400 addresses).</summary>
    public byte[] Ascii { get; }

    /// <summary>Transliterated, lower case, no spaces or apostrophes (e-mail local parts, account names).</summary>
    public byte[] AsciiLower { get; }

    public bool IsAscii { get; }
}

/// <summary>
/// Name pools. Non-ASCII names use only characters of Windows-1252, so that an ANSI csvde export keeps them;
/// one given name in seven and one surname in eight are non-ASCII, so about a quarter of the users get a <c>dn::</c> line.
/// </summary>
internal static class Names
{
    public static readonly NameForm[] Given = Forms(
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
        "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
        "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
        "Pierre", "Marie", "Lars", "Ingrid", "Mehmet", "Aiko", "Wei", "Ana", "Hans", "Giulia",
        "Renée", "José", "Zoë", "Søren", "Jürgen", "Björn", "François", "Hélène");

    public static readonly NameForm[] Surnames = Forms(
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "O'Brien", "Dubois", "Kowalski", "Rossi", "Ferrari", "Bianchi", "Novak", "Yilmaz", "Tanaka", "Suzuki",
        "Chen", "Wang", "Kim", "Park", "Singh", "Patel", "Cohen", "Silva", "Santos", "Van der Berg",
        "Müller", "Núñez", "Åkesson", "Lefèvre", "Schröder", "Ødegaard", "Peña", "Béranger", "Horváth", "García");

    /// <summary>Department OUs under <c>OU=Staff</c>; one needs a DN escape (<c>\+</c>).</summary>
    public static readonly NameForm[] Departments = Forms(
        "Sales", "Marketing", "R&D", "Finance", "IT", "Human Resources", "Legal", "Operations", "Support + Services");

    public static readonly NameForm[] GroupPrefixes = Forms(
        "Sales Team", "All Staff", "Project", "DL Paris", "Finance Approvers", "IT Admins", "Newsletter", "Board", "Helpdesk", "Site Managers");

    public static readonly NameForm[] Companies = Forms(
        "Northwind Traders", "Adventure Works", "Litware", "Tailspin Toys", "Wingtip Toys", "Proseware", "Fourth Coffee", "Lucerne Publishing");

    private static NameForm[] Forms(params string[] names) => names.Select(n => new NameForm(n)).ToArray();

    /// <summary>Latin-1 letters to ASCII, as Exchange's address generation does for SMTP local parts.</summary>
    public static string Transliterate(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                'à' or 'á' or 'â' or 'ã' or 'ä' => "a",
                'å' => "a",
                'Å' or 'À' or 'Á' or 'Â' or 'Ä' => "A",
                'æ' => "ae",
                'ç' => "c",
                'è' or 'é' or 'ê' or 'ë' => "e",
                'É' or 'È' => "E",
                'ì' or 'í' or 'î' or 'ï' => "i",
                'ñ' => "n",
                'ò' or 'ó' or 'ô' or 'õ' or 'ö' => "o",
                'ø' => "o",
                'Ø' or 'Ö' => "O",
                'ù' or 'ú' or 'û' or 'ü' => "u",
                'Ü' => "U",
                'ß' => "ss",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
