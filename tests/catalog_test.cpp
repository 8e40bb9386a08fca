#include <rehab/catalog.hpp>

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace {

TEST(CatalogTest, BuiltinHasEveryExerciseTheProtocolsNeed) {
    const auto& c = rehab::catalog::builtin();
    for (const char* id : {"heel-raise-bent-knee",
                           "ankle-dorsiflexion-band",
                           "achilles-wall-stretch",
                           "towel-calf-stretch",
                           "standing-calf-stretch",
                           "standing-soleus-stretch",
                           "heel-raise-slow-lowering",
                           "single-leg-balance",
                           "eccentric-heel-drop-straight-knee",
                           "eccentric-heel-drop-bent-knee",
                           "eccentric-heel-drop-floor-straight-knee",
                           "eccentric-heel-drop-floor-bent-knee",
                           "seated-heel-raise",
                           "leg-press-calf-raise",
                           "standing-calf-raise",
                           "two-leg-heel-raise",
                           "two-leg-heel-raise-step",
                           "single-leg-heel-raise",
                           "single-leg-heel-raise-step",
                           "eccentric-heel-raise-floor",
                           "eccentric-heel-raise-step",
                           "sitting-heel-raise",
                           "quick-rebound-heel-raise"}) {
        EXPECT_TRUE(c.contains(id)) << id;
    }
}

TEST(CatalogTest, EveryBuiltinExerciseIsValidAndFullyDescribed) {
    for (const auto& e : rehab::catalog::builtin().exercises()) {
        EXPECT_TRUE(rehab::validate(e).empty()) << e.id;
        EXPECT_FALSE(e.starting_position.empty()) << e.id;
        EXPECT_GE(e.steps.size(), 2U) << e.id;
        EXPECT_FALSE(e.targets.empty()) << e.id;
        EXPECT_FALSE(e.safety.empty()) << e.id;
        EXPECT_FALSE(e.source.empty()) << e.id;
    }
}

TEST(CatalogTest, GetReturnsTheExercise) {
    auto e = rehab::catalog::builtin().get("single-leg-balance");
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->get().id, "single-leg-balance");
    EXPECT_EQ(e->get().kind, rehab::exercise_kind::balance);
}

TEST(CatalogTest, UnknownIdListsCloseMatches) {
    auto e = rehab::catalog::builtin().get("single-leg-balanse");
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().code, rehab::errc::unknown_id);
    EXPECT_EQ(e.error().message,
              "unknown exercise id \"single-leg-balanse\"; did you mean \"single-leg-balance\"?");
}

TEST(CatalogTest, UnknownIdWithNothingCloseSaysSo) {
    auto e = rehab::catalog::builtin().get("bench-press");
    ASSERT_FALSE(e.has_value());
    EXPECT_EQ(e.error().message, "unknown exercise id \"bench-press\"");
}

TEST(CatalogTest, UsersAddTheirOwnExercisesToACopy) {
    rehab::catalog mine = rehab::catalog::builtin();
    rehab::exercise hop{.id = "single-leg-hop",
                        .name = "Single-leg hop",
                        .kind = rehab::exercise_kind::plyometric,
                        .targets = {"Achilles tendon"},
                        .steps = {"Hop on the spot on one leg.", "Land softly."}};
    ASSERT_TRUE(mine.add(hop).has_value());
    EXPECT_TRUE(mine.contains("single-leg-hop"));
    EXPECT_EQ(mine.size(), rehab::catalog::builtin().size() + 1);
    EXPECT_FALSE(rehab::catalog::builtin().contains("single-leg-hop"));
}

TEST(CatalogTest, RefusesDuplicateIdAndKeepsTheOriginal) {
    rehab::catalog mine = rehab::catalog::builtin();
    const auto original = mine.get("towel-calf-stretch")->get();
    rehab::exercise copy = original;
    copy.name = "Something else";
    auto added = mine.add(copy);
    ASSERT_FALSE(added.has_value());
    EXPECT_EQ(added.error().code, rehab::errc::duplicate_id);
    EXPECT_EQ(added.error().path, "/id");
    EXPECT_EQ(mine.get("towel-calf-stretch")->get(), original);
}

TEST(CatalogTest, RefusesAnInvalidExerciseWithTheField) {
    rehab::catalog mine;
    auto added = mine.add(rehab::exercise{.id = "Bad Id", .name = "x", .steps = {"y"}});
    ASSERT_FALSE(added.has_value());
    EXPECT_EQ(added.error().path, "/id");
    EXPECT_EQ(mine.size(), 0U);
}

TEST(CatalogTest, IdsAreUniqueAndKebabCase) {
    std::set<std::string> seen;
    for (auto id : rehab::catalog::builtin().ids()) {
        EXPECT_TRUE(rehab::is_kebab_case(id)) << id;
        EXPECT_TRUE(seen.emplace(id).second) << id;
    }
}

} // namespace
