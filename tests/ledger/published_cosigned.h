// A published cosigned checkpoint, shared by the cosignature and witness
// policy tests.
#ifndef SHARETRAIL_TESTS_LEDGER_PUBLISHED_COSIGNED_H_
#define SHARETRAIL_TESTS_LEDGER_PUBLISHED_COSIGNED_H_

#include <string>

namespace sharetrail {

// A checkpoint of the transparency.dev staging CT log arche2025h1 with the
// cosignatures of four public witnesses, as published (C2SP tlog-cosignature
// cosignature/v1). The log's vkey and remora.n621.de's vkey are published
// with it; the other witnesses' raw Ed25519 keys are those of the Sigsum
// test policy (florolf/spic doc/example.md, Sigsum policy format).
inline const std::string kArcheText =
    "arche2025h1.staging.ct.transparency.dev\n"
    "1432088532\n"
    "U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=\n";
inline const std::string kArcheSigs =
    "— arche2025h1.staging.ct.transparency.dev "
    "zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFb"
    "on"
    "5Ch9MNL5zRNZ55lvGt0=\n"
    "— arche2025h1.staging.ct.transparency.dev "
    "ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=\n"
    "— transparency.dev/DEV:witness-little-garden "
    "2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/"
    "KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==\n"
    "— witness1.smartit.nu/witness1 "
    "pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/"
    "iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==\n"
    "— remora.n621.de "
    "2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/"
    "zZ0WBxtqB0DrAWfBw==\n"
    "— witness.stagemole.eu "
    "Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/"
    "2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==\n";
inline constexpr char kArcheLogVkey[] =
    "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
inline constexpr char kRemoraVkey[] =
    "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";
struct HexWitness {
  const char* name;
  const char* key;
};
inline const HexWitness kHexWitnesses[] = {
    {"transparency.dev/DEV:witness-little-garden",
     "2b6eb0ec483503544cde4e8fc1ce6d1921db21dffccc186865f808f7625443cc"},
    {"witness1.smartit.nu/witness1",
     "f4855a0f46e8a3e23bb40faf260ee57ab8a18249fa402f2ca2d28a60e1a3130e"},
    {"witness.stagemole.eu", "4a921b7caef58ae670cdc11ef4184f1c058f7b9259a9107a969f69fa54aa496f"},
};

}  // namespace sharetrail

#endif  // SHARETRAIL_TESTS_LEDGER_PUBLISHED_COSIGNED_H_
