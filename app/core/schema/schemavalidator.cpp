// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema/schemainternal.h"

#include "common/compactjson.h"

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
    std::string text = compactJson(v);
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

void appendEscaped(std::string &out, std::string_view token)
{
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
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

// One step of a JSON Pointer, kept as a reference to text that outlives it: the pointer's text is
// only built when an error is reported, so descending into a valid value allocates nothing.
struct PathToken {
    enum class Kind : std::uint8_t { Literal, Key, Index };

    Kind kind = Kind::Literal;
    const char *literal = nullptr; // a keyword, already a valid token
    const std::string *key = nullptr; // a property name or schema key, escaped when written
    std::size_t index = 0;

    void appendTo(std::string &out) const
    {
        out += '/';
        switch (kind) {
        case Kind::Literal:
            out += literal;
            break;
        case Kind::Key:
            appendEscaped(out, *key);
            break;
        case Kind::Index:
            out += std::to_string(index);
            break;
        }
    }
};

// A schema key that is escaped when the keyword location is written.
struct Escaped {
    const std::string &text;
};

PathToken pathToken(const char *keyword)
{
    return PathToken { PathToken::Kind::Literal, keyword, nullptr, 0 };
}
PathToken pathToken(Escaped escaped)
{
    return PathToken { PathToken::Kind::Key, nullptr, &escaped.text, 0 };
}
PathToken pathToken(const std::string &key)
{
    return PathToken { PathToken::Kind::Key, nullptr, &key, 0 };
}
PathToken pathToken(std::size_t index)
{
    return PathToken { PathToken::Kind::Index, nullptr, nullptr, index };
}

// One step of a path being walked, linked to the step before it. The links live on the stack,
// in the Push objects of the evaluation (no allocation per step); a path is only read when an
// error is reported.
struct PathLink {
    PathToken token;
    const PathLink *parent = nullptr;
};

std::string joinPath(const PathLink *last)
{
    std::vector<const PathLink *> steps;
    for (const PathLink *link = last; link; link = link->parent)
        steps.push_back(link);
    std::string out;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it)
        (*it)->token.appendTo(out);
    return out;
}

// Evaluates one instance against a compiled schema. Each keyword family is one step of eval(); a
// step returns false when the value fails it. Without collecting errors the first failure ends the
// evaluation; when collecting, every step runs and records its errors.
class Validator
{
public:
    Validator(const Schema::Compiled &compiled, bool collect)
        : m_compiled(compiled)
        , m_collect(collect)
    {
        // One allocation each instead of growing step by step on every validated instance.
        m_scope.reserve(8);
        m_active.reserve(8);
    }

    QList<ValidationError> errors;

    bool run(const Json &instance) { return eval(*m_compiled.root, instance, nullptr); }

private:
    const Schema::Compiled &m_compiled;
    bool m_collect;
    int m_depth = 0;
    int m_refDepth = 0;
    const PathLink *m_instancePath = nullptr; // the last step, or null at the root
    const PathLink *m_keywordPath = nullptr;
    std::vector<const Resource *> m_scope;
    std::vector<std::pair<const Node *, const Json *>> m_active; // references being followed

    // Pushes a path token for the lifetime of the object; records nothing unless errors are collected.
    class Push
    {
    public:
        template<typename T>
        Push(const PathLink *&last, bool active, const T &value)
            : m_last(active ? &last : nullptr)
        {
            if (m_last) {
                m_link.token = pathToken(value);
                m_link.parent = last;
                last = &m_link;
            }
        }
        ~Push()
        {
            if (m_last)
                *m_last = m_link.parent;
        }
        Q_DISABLE_COPY_MOVE(Push)

    private:
        const PathLink **m_last;
        PathLink m_link; // guaranteed copy elision keeps it where the path points
    };

    // Evaluates without recording errors (the branches of anyOf, oneOf, not, if, contains).
    class Quiet
    {
    public:
        explicit Quiet(Validator &v)
            : m_v(v)
            , m_saved(v.m_collect)
        {
            v.m_collect = false;
        }
        ~Quiet() { m_v.m_collect = m_saved; }
        Q_DISABLE_COPY_MOVE(Quiet)

    private:
        Validator &m_v;
        bool m_saved;
    };

    // The dynamic scope ($dynamicRef) and the nesting depth while a subschema is evaluated.
    class Scope
    {
    public:
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
        Q_DISABLE_COPY_MOVE(Scope)

    private:
        Validator &m_v;
        bool m_pushed = false;
    };

    template<typename T> Push inst(const T &value) { return Push(m_instancePath, m_collect, value); }
    template<typename T> Push kw(const T &value) { return Push(m_keywordPath, m_collect, value); }

    // Folds one check into `ok`; false when the evaluation should stop (first failure, not collecting).
    bool keepGoing(bool &ok, bool passed) const
    {
        ok = ok && passed;
        return passed || m_collect;
    }

    // Records an error; `message` is only called (and the message built) when errors are collected.
    template<typename MessageFn> void fail(const Node &node, const char *keyword, MessageFn message)
    {
        if (!m_collect)
            return;
        ValidationError e;
        e.instancePath = qs(joinPath(m_instancePath));
        std::string keywordPath = joinPath(m_keywordPath);
        if (keyword[0])
            pathToken(keyword).appendTo(keywordPath);
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
                fail(node, "", [] { return QCoreApplication::translate("schema", "no value is allowed here"); });
            return node.booleanValue;
        }
        if (m_depth >= maxDepth) {
            fail(node, "", [] {
                return QCoreApplication::translate("schema",
                                                   "the schema recurses too deeply at this point (a reference loop?)");
            });
            return false;
        }
        Scope scope(*this, node.resource);
        Annotations local;
        Annotations *a = node.needsLocalAnnotations ? &local : annotations;
        const std::uint8_t type = typeOf(value);
        bool ok = true;
        if (!keepGoing(ok, checkReferences(node, value, a)) || !keepGoing(ok, checkValue(node, value, type))
            || !keepGoing(ok, checkByType(node, value, type, a)) || !keepGoing(ok, checkAllOf(node, value, a))
            || !keepGoing(ok, checkAnyOf(node, value, a)) || !keepGoing(ok, checkOneOf(node, value, a))
            || !keepGoing(ok, checkNot(node, value)) || !keepGoing(ok, checkConditional(node, value, a))
            || !keepGoing(ok, checkUnevaluated(node, value, type, local)))
            return false;
        if (node.needsLocalAnnotations && annotations && ok)
            annotations->merge(local);
        return ok;
    }

    // $ref and $dynamicRef.
    bool checkReferences(const Node &node, const Json &value, Annotations *a)
    {
        bool ok = true;
        if (node.ref) {
            auto k = kw("$ref");
            if (!keepGoing(ok, follow(node, *node.ref, value, a)))
                return false;
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
            keepGoing(ok, follow(node, *target, value, a));
        }
        return ok;
    }

    // type, enum and const: the keywords that apply to a value of any type.
    bool checkValue(const Node &node, const Json &value, std::uint8_t type)
    {
        bool ok = true;
        if (node.types && !(node.types & type)) {
            fail(node, "type", [&] {
                return QCoreApplication::translate("schema", "expected %1, got %2 %3")
                    .arg(qs(node.typeNames), QString::fromLatin1(typeName(value)), qs(show(value)));
            });
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.enumValues && !isEnumMember(node, value)) {
            fail(node, "enum", [&] {
                std::string list;
                for (const Json &candidate : *node.enumValues) {
                    if (!list.empty())
                        list += ", ";
                    list += show(candidate);
                }
                return QCoreApplication::translate("schema", "%1 is not one of %2").arg(qs(show(value)), qs(list));
            });
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.constValue && !equal(*node.constValue, value)) {
            fail(node, "const", [&] {
                return QCoreApplication::translate("schema", "%1 is not the expected value %2")
                    .arg(qs(show(value)), qs(show(*node.constValue)));
            });
            keepGoing(ok, false);
        }
        return ok;
    }

    static bool isEnumMember(const Node &node, const Json &value)
    {
        if (value.is_string() && node.enumStringsOnly) {
            // Compiled for the common case of an enum of strings: no Json comparison per candidate.
            const std::string &text = value.get_ref<const std::string &>();
            return std::find(node.enumStrings.begin(), node.enumStrings.end(), text) != node.enumStrings.end();
        }
        for (const Json &candidate : *node.enumValues) {
            if (equal(candidate, value))
                return true;
        }
        return false;
    }

    bool checkByType(const Node &node, const Json &value, std::uint8_t type, Annotations *a)
    {
        if (type & TypeNumber)
            return !node.hasNumberKeywords || checkNumber(node, value);
        if (type == TypeString)
            return !node.hasStringKeywords || checkString(node, value);
        if (type == TypeArray)
            return checkArray(node, value, a);
        if (type == TypeObject)
            return checkObject(node, value, a);
        return true;
    }

    bool checkAllOf(const Node &node, const Json &value, Annotations *a)
    {
        bool ok = true;
        for (std::size_t i = 0; i < node.allOf.size(); ++i) {
            auto k1 = kw("allOf");
            auto k2 = kw(i);
            if (!keepGoing(ok, eval(*node.allOf[i], value, a)))
                return false;
        }
        return ok;
    }

    bool checkAnyOf(const Node &node, const Json &value, Annotations *a)
    {
        if (node.anyOf.empty())
            return true;
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
        return any;
    }

    bool checkOneOf(const Node &node, const Json &value, Annotations *a)
    {
        if (node.oneOf.empty())
            return true;
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
            return true;
        }
        if (matches.empty()) {
            if (!(m_collect && reportPlausibleBranch(node.oneOf, "oneOf", value))) {
                fail(node, "oneOf", [&] {
                    return QCoreApplication::translate("schema", "%1 does not match any of the %2 alternatives (oneOf)")
                        .arg(qs(show(value)))
                        .arg(node.oneOf.size());
                });
            }
            return false;
        }
        fail(node, "oneOf", [&] {
            return QCoreApplication::translate(
                       "schema", "%1 matches more than one alternative (oneOf %2 and %3); it must match exactly one")
                .arg(qs(show(value)))
                .arg(matches[0])
                .arg(matches[1]);
        });
        return false;
    }

    bool checkNot(const Node &node, const Json &value)
    {
        if (!node.notSchema)
            return true;
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
        }
        return !matched;
    }

    // if, then, else.
    bool checkConditional(const Node &node, const Json &value, Annotations *a)
    {
        if (!node.ifSchema)
            return true;
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
                return eval(*node.thenSchema, value, a);
            }
        } else if (node.elseSchema) {
            auto k = kw("else");
            return eval(*node.elseSchema, value, a);
        }
        return true;
    }

    // unevaluatedItems and unevaluatedProperties, after every other keyword has left its annotations.
    bool checkUnevaluated(const Node &node, const Json &value, std::uint8_t type, Annotations &local)
    {
        if (type == TypeArray && node.unevaluatedItems)
            return checkUnevaluatedItems(node, value, local);
        if (type == TypeObject && node.unevaluatedProperties)
            return checkUnevaluatedProperties(node, value, local);
        return true;
    }

    bool checkUnevaluatedItems(const Node &node, const Json &value, Annotations &local)
    {
        bool ok = true;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (local.has(i))
                continue;
            if (node.unevaluatedItems->isBoolean && !node.unevaluatedItems->booleanValue) {
                fail(node, "unevaluatedItems", [&] {
                    return QCoreApplication::translate("schema",
                                                       "item %1 is not allowed here (no schema keyword covers it)")
                        .arg(i);
                });
                if (!keepGoing(ok, false))
                    return false;
                continue;
            }
            auto k = kw("unevaluatedItems");
            auto p = inst(i);
            if (!keepGoing(ok, eval(*node.unevaluatedItems, value[i], nullptr)))
                return false;
        }
        local.allItems = true;
        return ok;
    }

    bool checkUnevaluatedProperties(const Node &node, const Json &value, Annotations &local)
    {
        bool ok = true;
        std::size_t position = 0;
        for (const auto &[key, member] : value.get_ref<const Json::object_t &>()) {
            if (local.has(position++))
                continue;
            if (node.unevaluatedProperties->isBoolean && !node.unevaluatedProperties->booleanValue) {
                fail(node, "unevaluatedProperties", [&] {
                    return QCoreApplication::translate("schema", "property \"%1\" is not allowed").arg(qs(key));
                });
                if (!keepGoing(ok, false))
                    return false;
                continue;
            }
            auto k = kw("unevaluatedProperties");
            auto p = inst(key);
            if (!keepGoing(ok, eval(*node.unevaluatedProperties, member, nullptr)))
                return false;
        }
        local.allItems = true;
        return ok;
    }

    // When every alternative of anyOf/oneOf failed, the errors of the one alternative whose type fits
    // the value (e.g. the object branch of {"anyOf": [{"type": "null"}, {"type": "object", ...}]})
    // say more than "matches no alternative". Returns false when no single branch is plausible.
    bool reportPlausibleBranch(const std::vector<const Node *> &branches, const char *keyword, const Json &value)
    {
        const QString herePath = qs(joinPath(m_instancePath));
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
                fail(from, "", [] {
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
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.maximum && x > *node.maximum) {
            fail(node, "maximum", [&] {
                return QCoreApplication::translate("schema", "%1 is greater than the maximum of %2")
                    .arg(qs(show(value)), qs(numberText(node.maximumJson)));
            });
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.exclusiveMinimum && x <= *node.exclusiveMinimum) {
            fail(node, "exclusiveMinimum", [&] {
                return QCoreApplication::translate("schema", "%1 must be greater than %2")
                    .arg(qs(show(value)), qs(numberText(node.exclusiveMinimumJson)));
            });
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.exclusiveMaximum && x >= *node.exclusiveMaximum) {
            fail(node, "exclusiveMaximum", [&] {
                return QCoreApplication::translate("schema", "%1 must be less than %2")
                    .arg(qs(show(value)), qs(numberText(node.exclusiveMaximumJson)));
            });
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.multipleOf && !isMultipleOf(value, *node.multipleOf)) {
            fail(node, "multipleOf", [&] {
                return QCoreApplication::translate("schema", "%1 is not a multiple of %2")
                    .arg(qs(show(value)), qs(numberText(node.multipleOf)));
            });
            keepGoing(ok, false);
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
                if (!keepGoing(ok, false))
                    return false;
            }
            if (node.maxLength && length > *node.maxLength) {
                fail(node, "maxLength", [&] {
                    return QCoreApplication::translate("schema",
                                                       "%1 is longer than the maximum length of %n character(s)",
                                                       nullptr, int(*node.maxLength))
                        .arg(qs(show(value)));
                });
                if (!keepGoing(ok, false))
                    return false;
            }
        }
        if (node.pattern && !node.pattern->matches(s)) {
            fail(node, "pattern", [&] {
                return QCoreApplication::translate("schema", "%1 does not match the pattern %2")
                    .arg(qs(show(value)), qs(Json(node.pattern->source).dump()));
            });
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.format != FormatKind::Unknown && !matchesFormat(node.format, s)) {
            fail(node, "format", [&] {
                return QCoreApplication::translate("schema", "%1 is not a valid %2")
                    .arg(qs(show(value)), qs(node.formatName));
            });
            keepGoing(ok, false);
        }
        return ok;
    }

    bool checkArray(const Node &node, const Json &value, Annotations *a)
    {
        bool ok = true;
        if (!keepGoing(ok, checkArraySize(node, value)))
            return false;
        if (node.uniqueItems && !keepGoing(ok, checkUniqueItems(node, value)))
            return false;
        if (!keepGoing(ok, checkItems(node, value, a)))
            return false;
        if (node.contains)
            keepGoing(ok, checkContains(node, value, a));
        return ok;
    }

    // minItems and maxItems.
    bool checkArraySize(const Node &node, const Json &value)
    {
        bool ok = true;
        const std::size_t size = value.size();
        if (node.minItems && size < *node.minItems) {
            fail(node, "minItems", [&] {
                return QCoreApplication::translate("schema", "the array has %1 item(s), fewer than the minimum of %2")
                    .arg(size)
                    .arg(*node.minItems);
            });
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.maxItems && size > *node.maxItems) {
            fail(node, "maxItems", [&] {
                return QCoreApplication::translate("schema", "the array has %1 item(s), more than the maximum of %2")
                    .arg(size)
                    .arg(*node.maxItems);
            });
            keepGoing(ok, false);
        }
        return ok;
    }

    bool checkUniqueItems(const Node &node, const Json &value)
    {
        const std::size_t size = value.size();
        for (std::size_t i = 0; i < size; ++i) {
            for (std::size_t j = i + 1; j < size; ++j) {
                if (equal(value[i], value[j])) {
                    fail(node, "uniqueItems", [&] {
                        return QCoreApplication::translate("schema",
                                                           "items %1 and %2 are equal; the items must be unique")
                            .arg(i)
                            .arg(j);
                    });
                    return false;
                }
            }
        }
        return true;
    }

    // prefixItems and items (draft-07: items as an array, and additionalItems).
    bool checkItems(const Node &node, const Json &value, Annotations *a)
    {
        bool ok = true;
        const std::size_t size = value.size();
        const std::size_t prefix = std::min(size, node.prefixItems.size());
        for (std::size_t i = 0; i < prefix; ++i) {
            auto k1 = kw(node.prefixItemsKeyword);
            auto k2 = kw(i);
            auto p = inst(i);
            if (!keepGoing(ok, eval(*node.prefixItems[i], value[i], nullptr)))
                return false;
            if (a)
                a->mark(i, size);
        }
        if (!node.items || size <= node.prefixItems.size())
            return ok;
        if (node.items->isBoolean && !node.items->booleanValue) {
            fail(node, node.itemsKeyword, [&] {
                return QCoreApplication::translate("schema", "the array has %1 item(s); only %2 are allowed")
                    .arg(size)
                    .arg(node.prefixItems.size());
            });
            if (!keepGoing(ok, false))
                return false;
        } else {
            const Json::array_t &items = value.get_ref<const Json::array_t &>();
            for (std::size_t i = node.prefixItems.size(); i < size; ++i) {
                auto k = kw(node.itemsKeyword);
                auto p = inst(i);
                if (!keepGoing(ok, eval(*node.items, items[i], nullptr)))
                    return false;
            }
        }
        if (a)
            a->allItems = true;
        return ok;
    }

    // contains, minContains and maxContains.
    bool checkContains(const Node &node, const Json &value, Annotations *a)
    {
        const std::size_t size = value.size();
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
        bool ok = true;
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
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.maxContains && matches > *node.maxContains) {
            fail(node, "maxContains", [&] {
                return QCoreApplication::translate(
                           "schema", "the array contains %1 matching item(s), more than the maximum of %2")
                    .arg(matches)
                    .arg(*node.maxContains);
            });
            keepGoing(ok, false);
        }
        return ok;
    }

    bool checkObject(const Node &node, const Json &value, Annotations *a)
    {
        const Json::object_t &object = value.get_ref<const Json::object_t &>();
        bool ok = true;
        if (!keepGoing(ok, checkRequired(node, object)) || !keepGoing(ok, checkObjectSize(node, object))
            || !keepGoing(ok, checkDependentRequired(node, object)))
            return false;
        if (node.hasMemberKeywords && !keepGoing(ok, checkMembers(node, object, a)))
            return false;
        for (const auto &[trigger, schema] : node.dependentSchemas) {
            if (object.find(trigger) == object.end())
                continue;
            auto k1 = kw(node.dependentSchemasKeyword);
            auto k2 = kw(Escaped { trigger });
            if (!keepGoing(ok, eval(*schema, value, a)))
                return false;
        }
        return ok;
    }

    bool checkRequired(const Node &node, const Json::object_t &object)
    {
        bool ok = true;
        for (const std::string &name : node.required) {
            if (object.find(name) == object.end()) {
                fail(node, "required", [&] {
                    return QCoreApplication::translate("schema", "missing required property \"%1\"").arg(qs(name));
                });
                if (!keepGoing(ok, false))
                    return false;
            }
        }
        return ok;
    }

    // minProperties and maxProperties.
    bool checkObjectSize(const Node &node, const Json::object_t &object)
    {
        bool ok = true;
        const std::size_t size = object.size();
        if (node.minProperties && size < *node.minProperties) {
            fail(node, "minProperties", [&] {
                return QCoreApplication::translate("schema",
                                                   "the object has %1 propert(ies), fewer than the minimum of %2")
                    .arg(size)
                    .arg(*node.minProperties);
            });
            if (!keepGoing(ok, false))
                return false;
        }
        if (node.maxProperties && size > *node.maxProperties) {
            fail(node, "maxProperties", [&] {
                return QCoreApplication::translate("schema",
                                                   "the object has %1 propert(ies), more than the maximum of %2")
                    .arg(size)
                    .arg(*node.maxProperties);
            });
            keepGoing(ok, false);
        }
        return ok;
    }

    bool checkDependentRequired(const Node &node, const Json::object_t &object)
    {
        bool ok = true;
        for (const auto &[trigger, names] : node.dependentRequired) {
            if (object.find(trigger) == object.end())
                continue;
            for (const std::string &name : names) {
                if (object.find(name) != object.end())
                    continue;
                fail(node, node.dependentRequiredKeyword, [&] {
                    return QCoreApplication::translate(
                               "schema", "missing property \"%1\", which is required when \"%2\" is present")
                        .arg(qs(name), qs(trigger));
                });
                if (!keepGoing(ok, false))
                    return false;
            }
        }
        return ok;
    }

    // properties, patternProperties, additionalProperties and propertyNames, member by member.
    bool checkMembers(const Node &node, const Json::object_t &object, Annotations *a)
    {
        bool ok = true;
        const std::size_t size = object.size();
        std::size_t position = 0;
        for (const auto &[key, member] : object) {
            bool matched = false;
            if (const Node *property = node.property(key)) {
                matched = true;
                auto k1 = kw("properties");
                auto k2 = kw(Escaped { key });
                auto p = inst(key);
                if (!keepGoing(ok, eval(*property, member, nullptr)))
                    return false;
            }
            for (const PatternNode &pattern : node.patternProperties) {
                if (!pattern.matches(key))
                    continue;
                matched = true;
                auto k1 = kw("patternProperties");
                auto k2 = kw(Escaped { pattern.source });
                auto p = inst(key);
                if (!keepGoing(ok, eval(*pattern.node, member, nullptr)))
                    return false;
            }
            if (!matched && node.additionalProperties) {
                matched = true;
                if (!keepGoing(ok, checkAdditionalProperty(node, key, member)))
                    return false;
            }
            if (matched && a)
                a->mark(position, size);
            ++position;
            if (node.propertyNames && !keepGoing(ok, checkPropertyName(node, key)))
                return false;
        }
        return ok;
    }

    bool checkAdditionalProperty(const Node &node, const std::string &key, const Json &member)
    {
        if (node.additionalProperties->isBoolean && !node.additionalProperties->booleanValue) {
            fail(node, "additionalProperties", [&] {
                return QCoreApplication::translate("schema",
                                                   "property \"%1\" is not allowed (the schema lists no such property)")
                    .arg(qs(key));
            });
            return false;
        }
        auto k = kw("additionalProperties");
        auto p = inst(key);
        return eval(*node.additionalProperties, member, nullptr);
    }

    bool checkPropertyName(const Node &node, const std::string &key)
    {
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
        }
        return valid;
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

bool SchemaInternal::PatternNode::matches(const std::string &text) const
{
    if (simple) {
        const SimplePattern::Match match = simple->matches(text);
        if (match != SimplePattern::Match::TooComplex)
            return match == SimplePattern::Match::Yes;
    }
    return regex.match(forRegex(text)).hasMatch();
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
