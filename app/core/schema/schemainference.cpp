// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schemainference.h"

#include "schema/formats.h"

#include <memory>
#include <string>
#include <vector>

namespace Formwork {

namespace {

// The formats worth guessing, most specific first.
std::string detectFormat(const std::string &text)
{
    if (matchesFormat(FormatKind::Uuid, text))
        return "uuid";
    if (matchesFormat(FormatKind::DateTime, text))
        return "date-time";
    if (matchesFormat(FormatKind::Date, text))
        return "date";
    if (matchesFormat(FormatKind::Email, text))
        return "email";
    // Any "word:rest" is an absolute URI, so only guess it for what is plainly a link.
    if (text.find("://") != std::string::npos && matchesFormat(FormatKind::Uri, text))
        return "uri";
    return {};
}

// Everything seen at one place of the example (one property, or all items of an array).
struct Shape {
    bool null = false;
    bool boolean = false;
    bool integer = false;
    bool number = false;
    bool string = false;
    bool array = false;
    bool object = false;

    std::string format;
    bool formatConflict = false;

    int objectCount = 0;
    struct Member {
        std::string name;
        int count = 0;
        std::unique_ptr<Shape> shape;
    };
    std::vector<Member> members;

    std::unique_ptr<Shape> items; // merged items of every array seen here

    void add(const nlohmann::ordered_json &value);
    nlohmann::ordered_json toSchema() const;

private:
    void addString(const std::string &text);
    void addObject(const nlohmann::ordered_json &value);
    Member &member(const std::string &name);
};

void Shape::add(const nlohmann::ordered_json &value)
{
    switch (value.type()) {
    case nlohmann::ordered_json::value_t::null:
    case nlohmann::ordered_json::value_t::discarded:
        null = true;
        break;
    case nlohmann::ordered_json::value_t::boolean:
        boolean = true;
        break;
    case nlohmann::ordered_json::value_t::number_integer:
    case nlohmann::ordered_json::value_t::number_unsigned:
        integer = true;
        break;
    case nlohmann::ordered_json::value_t::number_float:
        number = true;
        break;
    case nlohmann::ordered_json::value_t::string:
        addString(value.get_ref<const std::string &>());
        break;
    case nlohmann::ordered_json::value_t::array:
        array = true;
        if (!items && !value.empty())
            items = std::make_unique<Shape>();
        for (const auto &element : value)
            items->add(element);
        break;
    case nlohmann::ordered_json::value_t::object:
        addObject(value);
        break;
    case nlohmann::ordered_json::value_t::binary:
        break;
    }
}

void Shape::addString(const std::string &text)
{
    const std::string found = detectFormat(text);
    if (!string)
        format = found;
    else if (found != format)
        formatConflict = true;
    string = true;
}

void Shape::addObject(const nlohmann::ordered_json &value)
{
    object = true;
    ++objectCount;
    for (auto it = value.begin(); it != value.end(); ++it) {
        Member &m = member(it.key());
        ++m.count;
        m.shape->add(it.value());
    }
}

Shape::Member &Shape::member(const std::string &name)
{
    for (Member &m : members) {
        if (m.name == name)
            return m;
    }
    members.push_back({ name, 0, std::make_unique<Shape>() });
    return members.back();
}

nlohmann::ordered_json Shape::toSchema() const
{
    nlohmann::ordered_json types = nlohmann::ordered_json::array();
    if (object)
        types.push_back("object");
    if (array)
        types.push_back("array");
    if (string)
        types.push_back("string");
    if (number)
        types.push_back("number"); // covers the integers seen beside it
    else if (integer)
        types.push_back("integer");
    if (boolean)
        types.push_back("boolean");
    if (null)
        types.push_back("null");

    nlohmann::ordered_json schema = nlohmann::ordered_json::object();
    if (types.empty())
        return schema; // nothing seen (the items of empty arrays): anything goes
    schema["type"] = types.size() == 1 ? types.front() : types;

    if (string && !formatConflict && !format.empty())
        schema["format"] = format;
    if (object) {
        nlohmann::ordered_json properties = nlohmann::ordered_json::object();
        nlohmann::ordered_json required = nlohmann::ordered_json::array();
        for (const Member &m : members) {
            properties[m.name] = m.shape->toSchema();
            if (m.count == objectCount)
                required.push_back(m.name);
        }
        schema["properties"] = std::move(properties);
        if (!required.empty())
            schema["required"] = std::move(required);
    }
    if (array && items)
        schema["items"] = items->toSchema();
    return schema;
}

} // namespace

nlohmann::ordered_json inferSchema(const nlohmann::ordered_json &example)
{
    Shape shape;
    shape.add(example);
    return shape.toSchema();
}

} // namespace Formwork
