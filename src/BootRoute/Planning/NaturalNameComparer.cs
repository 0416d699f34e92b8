namespace BootRoute.Planning;

/// <summary>
/// Orders interface names the way a person reads them: ens3 before ens4 before ens10. Table ids and
/// rule priorities are handed out in this order, so they are the same on every boot for the same NICs.
/// </summary>
public sealed class NaturalNameComparer : IComparer<string>
{
    public static NaturalNameComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int startX = i, startY = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) { i++; }
                while (j < y.Length && char.IsAsciiDigit(y[j])) { j++; }
                var digitsX = x.AsSpan(startX, i - startX).TrimStart('0');
                var digitsY = y.AsSpan(startY, j - startY).TrimStart('0');
                int byLength = digitsX.Length.CompareTo(digitsY.Length);
                if (byLength != 0)
                {
                    return byLength;
                }
                int byDigits = digitsX.SequenceCompareTo(digitsY);
                if (byDigits != 0)
                {
                    return byDigits;
                }
                continue;
            }
            int byChar = x[i].CompareTo(y[j]);
            if (byChar != 0)
            {
                return byChar;
            }
            i++;
            j++;
        }
        return (x.Length - i).CompareTo(y.Length - j) switch
        {
            0 => string.CompareOrdinal(x, y),
            var other => other,
        };
    }
}
