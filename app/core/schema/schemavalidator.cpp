// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schemainternal.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <cmath>

namespace Formwork {

using namespace SchemaInternal;

namespace {

constexpr int maxDepth = 256;

std::uint8_t typeOf(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::null:
        return TypeNull;
    case Json::value_t::boolean:
        return TypeBoolean;
    case Json::value_t::object:
        return TypeObject;
    case Json::value_t::array:
        return TypeArray;
    case Json::value_t::string:
        return TypeString;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return TypeNumber | TypeInteger;
    case Json::value_t::number_float: {
        const double d = v.get<double>();
        return std::isfinite(d) && std::floor(d) == d ? (TypeNumber | TypeInteger) : TypeNumber;
    }
    default:
        return 0;
    }
}

const char *typeName(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "boolean";
    case Json::value_t::object:
        return "object";
    case Json::value_t::array:
        return "array";
    case Json::value_t::string:
        return "string";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return "integer";
    default:
        return "number";
    }
}

long double asLongDouble(const Json &v)
{
    if (v.is_number_unsigned())
        return static_cast<long double>(v.get<unsigned long long>());
    if (v.is_number_integer())
        return static_cast<long double>(v.get<long long>());
    return static_cast<long double>(v.get<double>());
}

bool equal(const Json &a, const Json &b)
{
    if (a.is_number() && b.is_number()) {
        if ((a.is_number_integer() || a.is_number_unsigned()) && (b.is_number_integer() || b.is_number_unsigned()))
            return a == b;
        return asLongDouble(a) == asLongDouble(b);
    }
    if (a.type() != b.type())
        return false;
    if (a.is_object()) {
        if (a.size() != b.size())
            return false;
        for (const auto &[key, value] : a.items()) {
            const auto it = b.find(key);
            if (it == b.end() || !equal(value, *it))
                return false;
        }
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!equal(a[i], b[i]))
                return false;
        }
        return true;
    }
    return a == b;
}

bool isMultipleOf(const Json &value, const Json &divisor)
{
    if ((value.is_number_integer() || value.is_number_unsigned())
        && (divisor.is_number_integer() || divisor.is_number_unsigned())) {
        // Work on magnitudes: the divisor is positive (checked when compiling), the value may not be.
        auto magnitude = [](const Json &v) -> unsigned long long {
            if (v.is_number_unsigned())
                return v.get<unsigned long long>();
            const long long signedValue = v.get<long long>();
            return signedValue < 0 ? 0ULL - static_cast<unsigned long long>(signedValue)
                                   : static_cast<unsigned long long>(signedValue);
        };
        return magnitude(value) % magnitude(divisor) == 0;
    }
    const long double x = asLongDouble(value);
    const long double m = asLongDouble(divisor);
    if (std::fmod(x, m) == 0)
        return true;
    if (m < 1) {
        // Decimal divisors such as 0.01 or 1e-8 are not exact in binary: scale by the reciprocal.
        const long double inverse = std::nearbyint(1 / m);
        if (inverse > 0 && std::fabs(1 / m - inverse) < 1e-9L * inverse) {
            const long double scaled = x * inverse;
            if (std::isfinite(scaled) && std::fabs(scaled) < 1.8e19L)
                return std::fabs(scaled - std::nearbyint(scaled)) < 1e-6L;
        }
    }
    const long double q = x / m;
    if (!std::isfinite(q) || std::fabs(q) > 1e15L)
        return false;
    return std::fabs(q - std::nearbyint(q)) < 1e-9L;
}

std::size_t codePoints(const std::string &s)
{
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

// A short rendering of a value for messages: scalars as JSON, long strings cut.
std::string show(const Json &v)
{
    if (v.is_object())
        return v.empty() ? "{}" : "an object";
    if (v.is_array())
        return v.empty() ? "[]" : "an array";
    std::string text = v.dump(-1, ' ', false, Json::error_handler_t::replace);
    // A long value is shortened in the middle, so both of its quotes stay (issue 11).
    if (text.size() > 60) {
        auto boundary = [&text](std::size_t at) {
            while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
                --at;
            return at;
        };
        const std::size_t head = boundary(40);
        const std::size_t tail = boundary(text.size() - 16);
        text = text.substr(0, head) + "\u2026" + text.substr(tail);
    }
    return text;
}

std::string numberText(const Json *v)
{
    return v ? v->dump() : std::string();
}

std::string escapeToken(std::string_view token)
{
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// UTF-8 to UTF-16 for regex matching, keeping a leading U+FEFF (QString::fromUtf8 drops it).
QString forRegex(const std::string &s)
{
    QStringDecoder decoder(QStringConverter::Utf8,
                           QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom);
    return decoder.decode(QByteArrayView(s.data(), qsizetype(s.size())));
}

// Annotations that unevaluatedItems/unevaluatedProperties read: which array items or object members
// (by position) some subschema has evaluated.
struct Annotations {
    bool allItems = false;
    std::vector<char> evaluated;

    void mark(std::size_t index, std::size_t size)
    {
        if (evaluated.size() < size)
            evaluated.resize(size, 0);
        evaluated[index] = 1;
    }
    bool has(std::size_t index) const { return allItems || (index < evaluated.size() && evaluated[index]); }
    void merge(const Annotations &other)
    {
        allItems = allItems || other.allItems;
        if (evaluated.size() < other.evaluated.size())
            evaluated.resize(other.evaluated.size(), 0);
        for (std::size_t i = 0; i < other.evaluated.size(); ++i)
            evaluated[i] = evaluated[i] || other.evaluated[i];
    }
};

class Validator
{
public:
    Validator(const Schema::Compiled &compiled, bool collect)
        : m_compiled(compiled)
        , m_collect(collect)
    {
    }

    QList<ValidationError> errors;

    bool run(const Json &instance) { return eval(*m_compiled.root, instance, nullptr); }

private:
    const Schema::Compiled &m_compiled;
    bool m_collect;
    int m_depth = 0;
    int m_refDepth = 0;
    std::vector<std::string> m_instancePath;
    std::vector<std::string> m_keywordPath;
    std::vector<const Resource *> m_scope;
    std::vector<std::pair<const Node *, const Json *>> m_active; // references being followed

    // A schema key that must be escaped as a JSON Pointer token.
    struct Escaped {
        const std::string &text;
    };

    static std::string token(const char *text) { return std::string(text); }
    static std::string token(const std::string &text) { return text; }
    static std::string token(std::size_t index) { return std::to_string(index); }
    static std::string token(Escaped escaped) { return escapeToken(escaped.text); }

    // Pushes a path token for the lifetime of the object; builds nothing unless errors are collected.
    struct Push {
        template<typename T>
        Push(std::vector<std::string> &path, bool active, const T &value)
            : m_path(active ? &path : nullptr)
        {
            if (m_path)
                m_path->push_back(token(value));
        }
        ~Push()
        {
            if (m_path)
                m_path->pop_back();
        }
        Push(const Push &) = delete;
        Push &operator=(const Push &) = delete;
        std::vector<std::string> *m_path;
    };

    struct Quiet {
        explicit Quiet(Validator &v)
            : m_v(v)
            , m_saved(v.m_collect)
        {
            v.m_collect = false;
        }
        ~Quiet() { m_v.m_collect = m_saved; }
        Quiet(const Quiet &) = delete;
        Quiet &operator=(const Quiet &) = delete;
        Validator &m_v;
        bool m_saved;
    };

    struct Scope {
        Scope(Validator &v, const Resource *resource)
            : m_v(v)
        {
            m_pushed = v.m_scope.empty() || v.m_scope.back() != resource;
            if (m_pushed)
                v.m_scope.push_back(resource);
            ++v.m_depth;
        }
        ~Scope()
        {
            if (m_pushed)
                m_v.m_scope.pop_back();
            --m_v.m_depth;
        }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
        Validator &m_v;
        bool m_pushed = false;
    };

    template<typename T> Push inst(const T &value) { return Push(m_instancePath, m_collect, value); }
    template<typename T> Push kw(const T &value) { return Push(m_keywordPath, m_collect, value); }

    static std::string join(const std::vector<std::string> &tokens, bool escape)
    {
        std::string out;
        for (const std::string &t : tokens) {
            out += '/';
            out += escape ? escapeToken(t) : t;
        }
        return out;
    }

    // Records an error; `message` is only called (and the message built) when errors are collected.
    template<typename MessageFn>
    void fail(const Node &node, const char *keyword, MessageFn message, const std::string *extraInstance = nullptr)
    {
        if (!m_collect)
            return;
        ValidationError e;
        std::string instancePath = join(m_instancePath, true);
        if (extraInstance)
            instancePath += "/" + escapeToken(*extraInstance);
        e.instancePath = qs(instancePath);
        std::string keywordPath = join(m_keywordPath, false);
        if (keyword[0])
            keywordPath += "/" + std::string(keyword);
        e.keywordLocation = qs(keywordPath);
        if (m_refDepth > 0)
            e.absoluteKeywordLocation = qs(node.absoluteLocation + (keyword[0] ? "/" + std::string(keyword) : ""));
        e.keyword = QString::fromLatin1(keyword);
        e.message = message();
        errors.append(std::move(e));
    }

    bool eval(const Node &node, const Json &value, Annotations *annotations)
    {
        if (node.isBoolean) {
            if (!node.booleanValue)
                fail(node, "", [&] { return QCoreApplication::translate("schema", "no value is allowed here"); });
            return node.booleanValue;
        }
        if (m_depth >= maxDepth) {
            fail(node, "", [&] {
                return QCoreApplication::translate("schema",
                                                   "the schema recurses too deeply at this point (a reference loop?)");
            });
            return false;
        }
        Scope scope(*this, node.resource);
        Annotations local;
        Annotations *a = node.needsLocalAnnotations ? &local : annotations;
        bool ok = true;
#define FW_CHECK(expr)                                                                                                 \
    if (!(expr)) {                                                                                                     \
        ok = false;                                                                                                    \
        if (!m_collect)                                                                                                \
            return false;                                                                                              \
    }

        if (node.ref) {
            auto k = kw("$ref");
            FW_CHECK(follow(node, *node.ref, value, a));
        }
        if (node.dynamicRef) {
            const Node *target = node.dynamicRef;
            if (!node.dynamicAnchor.empty()) {
                for (const Resource *resource : m_scope) {
                    const auto it = resource->dynamicNodes.find(node.dynamicAnchor);
                    if (it != resource->dynamicNodes.end()) {
                        target = it->second;
                        break;
                    }
                }
            }
            auto k = kw("$dynamicRef");
            FW_CHECK(follow(node, *target, value, a));
        }

        const std::uint8_t type = typeOf(value);
        if (node.types && !(node.types & type)) {
            fail(node, "type", [&] {
                return QCoreApplication::translate("schema", "expected %1, got %2 %3")
                    .arg(qs(node.typeNames), QString::fromLatin1(typeName(value)), qs(show(value)));
            });
            FW_CHECK(false);
        }
        if (node.enumValues) {
            bool found = false;
            for (const Json &candidate : *node.enumValues) {
                if (equal(candidate, value)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                if (m_collect) {
                    std::string list;
                    for (const Json &candidate : *node.enumValues) {
                        if (!list.empty())
                            list += ", ";
                        list += show(candidate);
                    }
                    fail(node, "enum", [&] {
                        return QCoreApplication::translate("schema", "%1 is not one of %2")
                            .arg(qs(show(value)), qs(list));
                    });
                }
                FW_CHECK(false);
            }
        }
        if (node.constValue && !equal(*node.constValue, value)) {
            fail(node, "const", [&] {
                return QCoreApplication::translate("schema", "%1 is not the expected value %2")
                    .arg(qs(show(value)), qs(show(*node.constValue)));
            });
            FW_CHECK(false);
        }

        if (type & TypeNumber) {
            FW_CHECK(checkNumber(node, value));
        } else if (type == TypeString) {
            FW_CHECK(checkString(node, value));
        } else if (type == TypeArray) {
            FW_CHECK(checkArray(node, value, a));
        } else if (type == TypeObject) {
            FW_CHECK(checkObject(node, value, a));
        }

        // In-place applicators
        for (std::size_t i = 0; i < node.allOf.size(); ++i) {
            auto k1 = kw("allOf");
            auto k2 = kw(i);
            FW_CHECK(eval(*node.allOf[i], value, a));
        }
        if (!node.anyOf.empty()) {
            bool any = false;
            {
                Quiet quiet(*this);
                for (const Node *branch : node.anyOf) {
                    Annotations branchAnnotations;
                    if (eval(*branch, value, a ? &branchAnnotations : nullptr)) {
                        any = true;
                        if (!a)
                            break;
                        a->merge(branchAnnotations);
                    }
                }
            }
            if (!any && !(m_collect && reportPlausibleBranch(node.anyOf, "anyOf", value))) {
                fail(node, "anyOf", [&] {
                    return QCoreApplication::translate("schema",
                                                       "%1 does not match any of the %2 allowed alternatives (anyOf)")
                        .arg(qs(show(value)))
                        .arg(node.anyOf.size());
                });
            }
            FW_CHECK(any);
        }
        if (!node.oneOf.empty()) {
            std::vector<std::size_t> matches;
            Annotations matched;
            {
                Quiet quiet(*this);
                for (std::size_t i = 0; i < node.oneOf.size(); ++i) {
                    Annotations branchAnnotations;
                    if (eval(*node.oneOf[i], value, a ? &branchAnnotations : nullptr)) {
                        matches.push_back(i);
                        if (matches.size() > 1)
                            break;
                        matched = std::move(branchAnnotations);
                    }
                }
            }
            if (matches.size() == 1) {
                if (a)
                    a->merge(matched);
            } else if (matches.empty()) {
                if (!(m_collect && reportPlausibleBranch(node.oneOf, "oneOf", value))) {
                    fail(node, "oneOf", [&] {
                        return QCoreApplication::translate("schema",
                                                           "%1 does not match any of the %2 alternatives (oneOf)")
                            .arg(qs(show(value)))
                            .arg(node.oneOf.size());
                    });
                }
                FW_CHECK(false);
            } else {
                fail(node, "oneOf", [&] {
                    return QCoreApplication::translate(
                               "schema",
                               "%1 matches more than one alternative (oneOf %2 and %3); it must match exactly one")
                        .arg(qs(show(value)))
                        .arg(matches[0])
                        .arg(matches[1]);
                });
                FW_CHECK(false);
            }
        }
        if (node.notSchema) {
            bool matched;
            {
                Quiet quiet(*this);
                matched = eval(*node.notSchema, value, nullptr);
            }
            if (matched) {
                fail(node, "not", [&] {
                    return QCoreApplication::translate("schema", "%1 must not match the schema under \"not\"")
                        .arg(qs(show(value)));
                });
                FW_CHECK(false);
            }
        }
        if (node.ifSchema) {
            Annotations conditionAnnotations;
            bool condition;
            {
                Quiet quiet(*this);
                condition = eval(*node.ifSchema, value, a ? &conditionAnnotations : nullptr);
            }
            if (condition) {
                if (a)
                    a->merge(conditionAnnotations);
                if (node.thenSchema) {
                    auto k = kw("then");
                    FW_CHECK(eval(*node.thenSchema, value, a));
                }
            } else if (node.elseSchema) {
                auto k = kw("else");
                FW_CHECK(eval(*node.elseSchema, value, a));
            }
        }

        if (type == TypeArray && node.unevaluatedItems) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (local.has(i))
                    continue;
                if (node.unevaluatedItems->isBoolean && !node.unevaluatedItems->booleanValue) {
                    fail(node, "unevaluatedItems", [&] {
                        return QCoreApplication::translate("schema",
                                                           "item %1 is not allowed here (no schema keyword covers it)")
                            .arg(i);
                    });
                    FW_CHECK(false);
                    continue;
                }
                auto k = kw("unevaluatedItems");
                auto p = inst(i);
                FW_CHECK(eval(*node.unevaluatedItems, value[i], nullptr));
            }
            local.allItems = true;
        }
        if (type == TypeObject && node.unevaluatedProperties) {
            std::size_t index = 0;
            for (const auto &[key, member] : value.items()) {
                const std::size_t position = index++;
                if (local.has(position))
                    continue;
                if (node.unevaluatedProperties->isBoolean && !node.unevaluatedProperties->booleanValue) {
                    fail(node, "unevaluatedProperties", [&] {
                        return QCoreApplication::translate("schema", "property \"%1\" is not allowed").arg(qs(key));
                    });
                    FW_CHECK(false);
                    continue;
                }
                auto k = kw("unevaluatedProperties");
                auto p = inst(key);
                FW_CHECK(eval(*node.unevaluatedProperties, member, nullptr));
            }
            local.allItems = true;
        }
        if (node.needsLocalAnnotations && annotations && ok)
            annotations->merge(local);
#undef FW_CHECK
        return ok;
    }

    // When every alternative of anyOf/oneOf failed, the errors of the one alternative whose type fits
    // the value (e.g. the object branch of {"anyOf": [{"type": "null"}, {"type": "object", ...}]})
    // say more than "matches no alternative". Returns false when no single branch is plausible.
    bool reportPlausibleBranch(const std::vector<const Node *> &branches, const char *keyword, const Json &value)
    {
        const std::string here = join(m_instancePath, true);
        QList<ValidationError> chosen;
        int plausible = 0;
        for (std::size_t i = 0; i < branches.size(); ++i) {
            const qsizetype before = errors.size();
            {
                auto k1 = kw(keyword);
                auto k2 = kw(i);
                eval(*branches[i], value, nullptr);
            }
            QList<ValidationError> branchErrors = errors.mid(before);
            errors.resize(before);
            const QString herePath = qs(here);
            bool typeMismatch = false;
            for (const ValidationError &e : branchErrors) {
                if (e.instancePath == herePath
                    && (e.keyword == u"type" || e.keyword == u"const" || e.keyword == u"enum")) {
                    typeMismatch = true;
                    break;
                }
            }
            if (!typeMismatch && !branchErrors.isEmpty()) {
                ++plausible;
                chosen = std::move(branchErrors);
            }
        }
        if (plausible != 1)
            return false;
        errors.append(chosen);
        return true;
    }

    // Follows a reference. Reaching the same schema for the same instance value again while it is
    // still being evaluated is a reference loop that would never end: it fails instead.
    bool follow(const Node &from, const Node &target, const Json &value, Annotations *a)
    {
        for (const auto &[node, instance] : m_active) {
            if (node == &target && instance == &value) {
                fail(from, "", [&] {
                    return QCoreApplication::translate("schema",
                                                       "the schema refers back to itself here without consuming "
                                                       "any input (a reference loop)");
                });
                return false;
            }
        }
        m_active.emplace_back(&target, &value);
        ++m_refDepth;
        const bool result = eval(target, value, a);
        --m_refDepth;
        m_active.pop_back();
        return result;
    }

    bool checkNumber(const Node &node, const Json &value)
    {
        bool ok = true;
        const long double x = asLongDouble(value);
        if (node.minimum && x < *node.minimum) {
            fail(node, "minimum", [&] {
                return QCoreApplication::translate("schema", "%1 is less than the minimum of %2")
                    .arg(qs(show(value)), qs(numberText(node.minimumJson)));
            });
            ok = false;
            if (!m_collect)
                return false;
        }
        if (node.maximum && x > *node.maximum) {
            fail(node, "maximum", [&] {
                return QCoreApplication::translate("schema", "%1 is greater than the maximum of %2")
                    .arg(qs(show(value)), qs(numberText(node.maximumJson)));
            });
            ok = false;
            if (!m_collect)
                return false;
        }
        if (node.exclusiveMinimum && x <= *node.exclusiveMinimum) {
            fail(node, "exclusiveMinimum", [&] {
                return QCoreApplication::translate("schema", "%1 must be greater than %2")
                    .arg(qs(show(value)), qs(numberText(node.exclusiveMinimumJson)));
            });
            ok = false;
            if (!m_collect)
                return false;
        }
        if (node.exclusiveMaximum && x >= *node.exclusiveMaximum) {
            fail(node, "exclusiveMaximum", [&] {
                return QCoreApplication::translate("schema", "%1 must be less than %2")
                    .arg(qs(show(value)), qs(numberText(node.exclusiveMaximumJson)));
            });
            ok = false;
            if (!m_collect)
                return false;
        }
        if (node.multipleOf && !isMultipleOf(value, *node.multipleOf)) {
            fail(node, "multipleOf", [&] {
                return QCoreApplication::translate("schema", "%1 is not a multiple of %2")
                    .arg(qs(show(value)), qs(numberText(node.multipleOf)));
            });
            ok = false;
        }
        return ok;
    }

    bool checkString(const Node &node, const Json &value)
    {
        bool ok = true;
        const std::string &s = value.get_ref<const std::string &>();
        if (node.minLength || node.maxLength) {
            const std::size_t length = codePoints(s);
            if (node.minLength && length < *node.minLength) {
                fail(node, "minLength", [&] {
                    return QCoreApplication::translate("schema",
                                                       "%1 is shorter than the minimum length of %n character(s)",
                                                       nullptr, int(*node.minLength))
                        .arg(qs(show(value)));
                });
                ok = false;
                if (!m_collect)
                    return false;
            }
            if (node.maxLength && length > *node.maxLength) {
                fail(node, "maxLength", [&] {
                    return QCoreApplication::translate("schema",
                                                       "%1 is longer than the maximum length of %n character(s)",
                                                       nullptr, int(*node.maxLength))
                        .arg(qs(show(value)));
                });
                ok = false;
                if (!m_collect)
                    return false;
            }
        }
        if (node.pattern && !node.pattern->regex.match(forRegex(s)).hasMatch()) {
            fail(node, "pattern", [&] {
                return QCoreApplication::translate("schema", "%1 does not match the pattern %2")
                    .arg(qs(show(value)), qs(Json(node.pattern->source).dump()));
            });
            ok = false;
            if (!m_collect)
                return false;
        }
        if (node.format != FormatKind::Unknown && !matchesFormat(node.format, s)) {
            fail(node, "format", [&] {
                return QCoreApplication::translate("schema", "%1 is not a valid %2")
                    .arg(qs(show(value)), qs(node.formatName));
            });
            ok = false;
        }
        return ok;
    }

    bool checkArray(const Node &node, const Json &value, Annotations *a)
    {
        bool ok = true;
#define FW_CHECK(expr)                                                                                                 \
    if (!(expr)) {                                                                                                     \
        ok = false;                                                                                                    \
        if (!m_collect)                                                                                                \
            return false;                                                                                              \
    }
        const std::size_t size = value.size();
        if (node.minItems && size < *node.minItems) {
            fail(node, "minItems", [&] {
                return QCoreApplication::translate("schema", "the array has %1 item(s), fewer than the minimum of %2")
                    .arg(size)
                    .arg(*node.minItems);
            });
            FW_CHECK(false);
        }
        if (node.maxItems && size > *node.maxItems) {
            fail(node, "maxItems", [&] {
                return QCoreApplication::translate("schema", "the array has %1 item(s), more than the maximum of %2")
                    .arg(size)
                    .arg(*node.maxItems);
            });
            FW_CHECK(false);
        }
        if (node.uniqueItems) {
            bool duplicate = false;
            for (std::size_t i = 0; i < size && !duplicate; ++i) {
                for (std::size_t j = i + 1; j < size; ++j) {
                    if (equal(value[i], value[j])) {
                        fail(node, "uniqueItems", [&] {
                            return QCoreApplication::translate("schema",
                                                               "items %1 and %2 are equal; the items must be unique")
                                .arg(i)
                                .arg(j);
                        });
                        duplicate = true;
                        break;
                    }
                }
            }
            FW_CHECK(!duplicate);
        }
        const std::size_t prefix = std::min(size, node.prefixItems.size());
        for (std::size_t i = 0; i < prefix; ++i) {
            auto k1 = kw(node.prefixItemsKeyword);
            auto k2 = kw(i);
            auto p = inst(i);
            FW_CHECK(eval(*node.prefixItems[i], value[i], nullptr));
            if (a)
                a->mark(i, size);
        }
        if (node.items && size > node.prefixItems.size()) {
            if (node.items->isBoolean && !node.items->booleanValue) {
                fail(node, node.itemsKeyword, [&] {
                    return QCoreApplication::translate("schema", "the array has %1 item(s); only %2 are allowed")
                        .arg(size)
                        .arg(node.prefixItems.size());
                });
                FW_CHECK(false);
            } else {
                for (std::size_t i = node.prefixItems.size(); i < size; ++i) {
                    auto k = kw(node.itemsKeyword);
                    auto p = inst(i);
                    FW_CHECK(eval(*node.items, value[i], nullptr));
                }
            }
            if (a)
                a->allItems = true;
        }
        if (node.contains) {
            std::size_t matches = 0;
            {
                Quiet quiet(*this);
                for (std::size_t i = 0; i < size; ++i) {
                    if (eval(*node.contains, value[i], nullptr)) {
                        ++matches;
                        if (a)
                            a->mark(i, size);
                    }
                }
            }
            const std::size_t minimum = node.minContains.value_or(1);
            if (matches < minimum) {
                if (matches == 0 && minimum == 1)
                    fail(node, "contains", [&] {
                        return QCoreApplication::translate(
                            "schema", "the array contains no item that matches the \"contains\" schema");
                    });
                else
                    fail(node, node.minContains ? "minContains" : "contains", [&] {
                        return QCoreApplication::translate(
                                   "schema", "the array contains %1 matching item(s), fewer than the minimum of %2")
                            .arg(matches)
                            .arg(minimum);
                    });
                FW_CHECK(false);
            }
            if (node.maxContains && matches > *node.maxContains) {
                fail(node, "maxContains", [&] {
                    return QCoreApplication::translate(
                               "schema", "the array contains %1 matching item(s), more than the maximum of %2")
                        .arg(matches)
                        .arg(*node.maxContains);
                });
                FW_CHECK(false);
            }
        }
#undef FW_CHECK
        return ok;
    }

    bool checkObject(const Node &node, const Json &value, Annotations *a)
    {
        bool ok = true;
#define FW_CHECK(expr)                                                                                                 \
    if (!(expr)) {                                                                                                     \
        ok = false;                                                                                                    \
        if (!m_collect)                                                                                                \
            return false;                                                                                              \
    }
        const std::size_t size = value.size();
        for (const std::string &name : node.required) {
            if (!value.contains(name)) {
                fail(node, "required", [&] {
                    return QCoreApplication::translate("schema", "missing required property \"%1\"").arg(qs(name));
                });
                FW_CHECK(false);
            }
        }
        if (node.minProperties && size < *node.minProperties) {
            fail(node, "minProperties", [&] {
                return QCoreApplication::translate("schema",
                                                   "the object has %1 propert(ies), fewer than the minimum of %2")
                    .arg(size)
                    .arg(*node.minProperties);
            });
            FW_CHECK(false);
        }
        if (node.maxProperties && size > *node.maxProperties) {
            fail(node, "maxProperties", [&] {
                return QCoreApplication::translate("schema",
                                                   "the object has %1 propert(ies), more than the maximum of %2")
                    .arg(size)
                    .arg(*node.maxProperties);
            });
            FW_CHECK(false);
        }
        for (const auto &[trigger, names] : node.dependentRequired) {
            if (!value.contains(trigger))
                continue;
            for (const std::string &name : names) {
                if (!value.contains(name)) {
                    fail(node, node.dependentRequiredKeyword, [&] {
                        return QCoreApplication::translate(
                                   "schema", "missing property \"%1\", which is required when \"%2\" is present")
                            .arg(qs(name), qs(trigger));
                    });
                    FW_CHECK(false);
                }
            }
        }
        const bool members = !node.properties.empty() || !node.patternProperties.empty() || node.additionalProperties
            || node.propertyNames;
        if (members) {
            std::size_t index = 0;
            for (const auto &[key, member] : value.items()) {
                const std::size_t position = index++;
                bool matched = false;
                if (!node.propertyIndex.empty()) {
                    const auto it = node.propertyIndex.find(key);
                    if (it != node.propertyIndex.end()) {
                        matched = true;
                        auto k1 = kw("properties");
                        auto k2 = kw(Escaped { key });
                        auto p = inst(key);
                        FW_CHECK(eval(*it->second, member, nullptr));
                    }
                }
                for (const PatternNode &pattern : node.patternProperties) {
                    if (!pattern.regex.match(forRegex(key)).hasMatch())
                        continue;
                    matched = true;
                    auto k1 = kw("patternProperties");
                    auto k2 = kw(Escaped { pattern.source });
                    auto p = inst(key);
                    FW_CHECK(eval(*pattern.node, member, nullptr));
                }
                if (!matched && node.additionalProperties) {
                    matched = true;
                    if (node.additionalProperties->isBoolean && !node.additionalProperties->booleanValue) {
                        fail(node, "additionalProperties", [&] {
                            return QCoreApplication::translate(
                                       "schema", "property \"%1\" is not allowed (the schema lists no such property)")
                                .arg(qs(key));
                        });
                        FW_CHECK(false);
                    } else {
                        auto k = kw("additionalProperties");
                        auto p = inst(key);
                        FW_CHECK(eval(*node.additionalProperties, member, nullptr));
                    }
                }
                if (matched && a)
                    a->mark(position, size);
                if (node.propertyNames) {
                    const Json name(key);
                    bool valid;
                    {
                        Quiet quiet(*this);
                        valid = eval(*node.propertyNames, name, nullptr);
                    }
                    if (!valid) {
                        fail(node, "propertyNames", [&] {
                            return QCoreApplication::translate(
                                       "schema", "the property name \"%1\" does not match the \"propertyNames\" schema")
                                .arg(qs(key));
                        });
                        FW_CHECK(false);
                    }
                }
            }
        }
        for (const auto &[trigger, schema] : node.dependentSchemas) {
            if (!value.contains(trigger))
                continue;
            auto k1 = kw(node.dependentSchemasKeyword);
            auto k2 = kw(Escaped { trigger });
            FW_CHECK(eval(*schema, value, a));
        }
#undef FW_CHECK
        return ok;
    }
};

} // namespace

QList<ValidationError> Schema::validate(const nlohmann::ordered_json &instance) const
{
    Validator validator(*m_compiled, true);
    validator.run(instance);
    return std::move(validator.errors);
}

bool Schema::isValid(const nlohmann::ordered_json &instance) const
{
    Validator validator(*m_compiled, false);
    return validator.run(instance);
}

QString ValidationError::text() const
{
    return (instancePath.isEmpty() ? QStringLiteral("/") : instancePath) + QStringLiteral(": ") + message;
}

void attachSourceRanges(QList<ValidationError> &errors, const SourceRangeLookup &lookup)
{
    if (!lookup)
        return;
    for (ValidationError &error : errors) {
        const std::string pointer = error.instancePath.toStdString();
        if (const auto range = lookup(pointer)) {
            error.range.begin = range->first;
            error.range.end = range->second;
        }
    }
}

} // namespace Formwork
