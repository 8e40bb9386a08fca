#pragma once
/// @file rehab.hpp
/// The umbrella header: everything the library offers.
///
/// Modules, in the one-way order they depend on each other:
/// catalog (exercises) -> protocol -> engine -> schedule -> exports.

#include <rehab/version.hpp>

#include <rehab/error.hpp>

#include <rehab/catalog.hpp>
#include <rehab/dosage.hpp>
#include <rehab/exercise.hpp>
#include <rehab/units.hpp>
