// Exercise look-up in the built-in catalog, by id.
#include <rehab/catalog.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

namespace catalog_bench {
namespace {

void catalog_get(benchmark::State& state) {
    const auto& catalog = rehab::catalog::builtin();
    const auto view = catalog.ids();
    const std::vector<std::string> ids(view.begin(), view.end());
    if (ids.empty() || !catalog.get(ids.front())) {
        throw std::runtime_error("catalog_get: the built-in catalog is empty");
    }
    std::size_t i = 0;
    for (auto _ : state) {
        auto e = catalog.get(ids[i]);
        benchmark::DoNotOptimize(e);
        i = (i + 1) % ids.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(catalog_get)->Name("catalog/get");

} // namespace
} // namespace catalog_bench
