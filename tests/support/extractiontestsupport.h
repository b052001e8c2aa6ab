// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Core-level helpers shared by the tests that run extractions: the person schema of
// tests/data/extraction, a scripted-run ExtractionConfig for it and the run metatypes.

#include "extraction/extractiontypes.h"

#include <QString>

#include <nlohmann/json.hpp>

namespace Formwork::Test {

// Test JSON is written with single quotes for readability.
QString q(const char *text);
// q(text) parsed as JSON.
nlohmann::ordered_json parseQ(const char *text);

// tests/data/extraction/person.schema.json, compiled.
Schema personSchema();

// A run of the person schema on "Ada Lovelace is 36 years old." with model llama3.1:8b, for
// scripted replies: short backoff (5 ms, at most 20) and fixed jitter so retries come at once.
ExtractionConfig personRunConfig(ExtractionMode mode = ExtractionMode::Schema);

// The run's signal argument types, for QSignalSpy and queued connections.
void registerRunMetaTypes();
// initTestCase of a test that runs extractions: QStandardPaths' test mode and the run metatypes.
void initRunTestCase();

// tests/data/extraction/three-people.txt: three paragraphs of about 120 bytes, one person each,
// for chunked runs.
QString threePeopleDocument();
// personRunConfig() with tests/data/extraction/people.schema.json ({people: [{name, age}]}) and
// the prompt "People in this text:" followed by threePeopleDocument().
ExtractionConfig peopleRunConfig();

} // namespace Formwork::Test
