/// Small-cell suppression for public (raad) reports, as CBS does: a count of
/// 1 to 4 is shown as "< 5", and a percentage is withheld where it would
/// reveal a suppressed count (its numerator). Zero is not suppressed: it
/// identifies nobody.
///
/// ```swift
/// let openbaar = Onderdrukking.pasToe(report)   // report.openbaar == true
/// ```
public enum Onderdrukking {
    /// Counts from 1 up to and including this value are suppressed.
    public static let grens = 4

    public static func pasToe(_ report: Report) -> Report {
        var result = report
        result.openbaar = true
        if var volume = result.volume {
            volume.cijfers = cijfers(volume.cijfers)
            volume.vorige_periode = volume.vorige_periode.map(cijfers)
            volume.vorig_jaar = volume.vorig_jaar.map(cijfers)
            result.volume = volume
        }
        result.reeks = report.reeks.map { punt in
            var punt = punt
            if let stand = punt.stand_eind { punt.stand_eind = telling(stand) }
            if punt.stand_eind?.onderdrukt == true { punt.per_1000_inwoners = nil }
            punt.instroom = punt.instroom.map(telling)
            punt.uitstroom = punt.uitstroom.map(telling)
            // A percentage of a suppressed (or unknown) count would reveal it.
            if punt.instroom?.onderdrukt != false { punt.instroom_pct = nil }
            if punt.uitstroom?.onderdrukt != false { punt.uitstroom_pct = nil }
            return punt
        }
        if result.volume != nil || !result.reeks.isEmpty {
            result.waarschuwingen.append("Openbare versie: aantallen van 1 tot en met 4 zijn weergegeven als \"< 5\".")
        }
        return result
    }

    static func telling(_ value: Telling) -> Telling {
        (1...grens).contains(value.waarde) ? Telling(value.waarde, onderdrukt: true) : value
    }

    static func cijfers(_ input: VolumeCijfers) -> VolumeCijfers {
        var output = input
        output.stand_begin = input.stand_begin.map(telling)
        output.stand_eind = input.stand_eind.map(telling)
        output.instroom = telling(input.instroom)
        output.uitstroom = telling(input.uitstroom)
        if output.instroom.onderdrukt { output.instroom_pct_per_maand = nil }
        if output.uitstroom.onderdrukt { output.uitstroom_pct_per_maand = nil }
        output.uitstroom_per_reden = input.uitstroom_per_reden.mapValues(telling)
        // A difference of two shown stands reveals nothing new; one with a suppressed stand would.
        if output.stand_begin?.onderdrukt == true || output.stand_eind?.onderdrukt == true { output.netto_mutatie = nil }
        return output
    }
}
