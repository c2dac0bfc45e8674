"""Everyday words for food search: synonyms, filler words, and which foods are the common ones.

USDA names foods the way a food chemist files them ("Chickpeas (garbanzo beans, bengal gram),
mature seeds, cooked, boiled, without salt"); people type "chickpeas" or "oj". This module holds
the small, hand-made tables that bridge the two. Pure data, no logic.
"""

from __future__ import annotations

SYNONYMS: dict[str, str] = {
    # abbreviations and everyday words → words that appear in USDA names
    "oj": "orange juice",
    "pb": "peanut butter",
    "pbj": "peanut butter",
    "yoghurt": "yogurt",
    "yoghurts": "yogurt",
    "yogourt": "yogurt",
    "garbanzo": "chickpeas",
    "garbanzos": "chickpeas",
    "garbanzo beans": "chickpeas",
    "chick peas": "chickpeas",
    "courgette": "zucchini",
    "courgettes": "zucchini",
    "aubergine": "eggplant",
    "aubergines": "eggplant",
    "rocket": "arugula",
    "coriander leaves": "coriander leaves",
    "cilantro": "coriander",
    "prawn": "shrimp",
    "prawns": "shrimp",
    "mince": "ground beef",
    "minced beef": "ground beef",
    "hamburger meat": "ground beef",
    "hot dog": "frankfurter",
    "hot dogs": "frankfurter",
    "hotdog": "frankfurter",
    "hotdogs": "frankfurter",
    "wiener": "frankfurter",
    "burger": "hamburger",
    "burgers": "hamburger",
    "donut": "doughnuts",
    "donuts": "doughnuts",
    "ketchup": "catsup",
    "mashed potatoes": "potatoes mashed",
    "crisps": "potato chips",
    "chips": "potato chips",
    "french fries": "french fried potatoes",
    "fries": "french fried potatoes",
    "pasta": "spaghetti cooked",
    "porridge": "oats cooked",
    "oatmeal": "oats cooked",
    "skim milk": "milk nonfat",
    "skimmed milk": "milk nonfat",
    "semi skimmed milk": "milk reduced fat 2%",
    "semi-skimmed milk": "milk reduced fat 2%",
    "whole milk": "milk whole 3.25%",
    "2% milk": "milk reduced fat 2%",
    "1% milk": "milk lowfat 1%",
    "soy milk": "soymilk",
    "soya milk": "soymilk",
    "soya": "soy",
    "spuds": "potatoes",
    "spud": "potato",
    "jacket potato": "potatoes baked flesh and skin",
    "baked potato": "potatoes baked flesh and skin",
    "mash": "potatoes mashed",
    "mashed potato": "potatoes mashed",
    "skimmed": "nonfat",
    "smooth": "smooth",
    "creamy": "smooth",
    "crunchy": "chunk",
    "chunky": "chunk",
    "coke": "cola",
    "soda": "carbonated beverage",
    "pop": "carbonated beverage",
    "fizzy drink": "carbonated beverage",
    "espresso": "coffee espresso",
    "decaf": "decaffeinated",
    "cuppa": "tea brewed",
    "ice cream": "ice creams",
    "icecream": "ice creams",
    "wholemeal": "whole-wheat",
    "whole wheat": "whole-wheat",
    "wholegrain": "whole-wheat",
    "spaghetti bolognese": "spaghetti meat sauce",
    "tuna can": "tuna canned",
    "tinned": "canned",
    "tin": "canned",
    "kidney beans": "beans kidney",
    "black beans": "beans black",
    "navy beans": "beans navy",
    "pinto beans": "beans pinto",
    "baked beans": "beans baked",
    "white beans": "beans white",
    "lima beans": "lima beans",
    "sweetcorn": "corn sweet",
    "corn on the cob": "corn sweet",
    "scallion": "onions spring",
    "scallions": "onions spring",
    "spring onion": "onions spring",
    "spring onions": "onions spring",
    "green onion": "onions spring",
    "beetroot": "beets",
    "swede": "rutabagas",
    "chard": "swiss chard",
    "pumpkin seeds": "seeds pumpkin",
    "pepitas": "seeds pumpkin",
    "sunflower seeds": "seeds sunflower",
    "flaxseed": "seeds flaxseed",
    "linseed": "seeds flaxseed",
    "chia": "seeds chia",
    "sultanas": "raisins",
    "mangoes": "mangos",
    "hot chocolate": "hot cocoa",
    "cocoa": "cocoa",
    "cheddar": "cheese cheddar",
    "mozzarella": "cheese mozzarella",
    "parmesan": "cheese parmesan",
    "feta": "cheese feta",
    "cottage cheese": "cheese cottage",
    "cream cheese": "cheese cream",
    "wine": "alcoholic beverage wine",
    "red wine": "wine red",
    "white wine": "wine white",
    "beer": "beer regular",
    "lager": "beer regular",
    "ale": "beer regular",
    "whisky": "alcoholic beverage distilled whiskey",
    "whiskey": "alcoholic beverage distilled whiskey",
    "vodka": "alcoholic beverage distilled vodka",
    "gin": "alcoholic beverage distilled gin",
    "rum": "alcoholic beverage distilled rum",
    "spirits": "alcoholic beverage distilled all",
    "liquor": "alcoholic beverage distilled all",
    "tap water": "water tap drinking",
    "mineral water": "water bottled",
    "sparkling water": "water bottled perrier",
    "seltzer": "carbonated beverage club soda",
    "club soda": "club soda",
    "sports drink": "sports drink",
    "gatorade": "gatorade",
    "electrolyte drink": "sports drink",
    "bap": "roll",
    "kiwi": "kiwifruit",
    "kiwis": "kiwifruit",
    "bell pepper": "peppers sweet",
    "bell peppers": "peppers sweet",
    "capsicum": "peppers sweet",
    "chocolate milk": "milk chocolate fluid",
    "toast": "bread toasted",
}
"""Typed phrase (lower case, plurals as typed) → the words to search for instead."""

MEASURE_SYNONYMS: dict[str, str] = {"strip": "slice", "rasher": "slice"}
"""Measure words (stemmed) a person types for what USDA names otherwise: bacon comes in
"slice"s. Used only when the food has no measure with the word as typed."""

STOPWORDS = frozenset(
    {"a", "an", "the", "of", "with", "and", "or", "in", "on", "for", "to", "some", "my", "fresh"}
)
"""Words ignored in queries: they match nearly every USDA name or none."""

NEUTRAL_SEGMENTS = frozenset(
    {
        "raw",
        "without salt",
        "without added salt",
        "without salt added",
        "drained",
        "fluid",
        "all commercial varieties",
        "all varieties",
        "all types",
        "year round average",
        "mature seeds",
        "regular",
        "prepared with tap water",
        "includes from concentrate",
        "with skin",
        "meat only",
        "all",
        "fresh",
        "whole",
        "cooked",
        "enriched",
        "unenriched",
        "dry heat",
        "solids and liquids",
        "drained solids",
        "dried",
        "commercially prepared",
        "all grades",
        "not fortified",
        "unsweetened",
        "table",
    }
)
"""Comma-separated parts of a USDA name that describe the plain, default form of a food: a
name's extra words from these parts do not count against it ("Bananas, raw" is as plain as
"Bananas")."""

CATEGORY_HEADS = frozenset(
    {
        "alcoholic beverage",
        "babyfood",
        "beans",
        "beverages",
        "candies",
        "carbonated beverage",
        "cereals",
        "cereals ready-to-eat",
        "cheese",
        "crustaceans",
        "fast foods",
        "fish",
        "frozen novelties",
        "game meat",
        "mollusks",
        "nuts",
        "salad dressing",
        "sandwiches and burgers",
        "seeds",
        "snacks",
        "spices",
    }
)
"""First parts of USDA names that are only a category; the food itself is named by the second
part ("Fish, salmon", "Nuts, almonds", "Fast foods, hamburger")."""

SUBSTITUTE_WORDS = frozenset(
    {"meatless", "imitation", "substitute", "vegetarian", "veggie", "analog", "simulated"}
)
"""Name words of a stand-in for the food ("Bacon, meatless", "Cheese, imitation"): ranked below
the real food unless the query says so."""

AS_BOUGHT_WORDS = frozenset({"unprepared"})
"""Name words of a food as bought and not as eaten ("Potatoes, frozen, french fried, ...,
unprepared"): ranked a little below the prepared form unless the query says so."""

PLAIN_FORM_HINTS = frozenset({"raw", "without salt", "without added salt", "drained"})
"""Name parts that mark the plain form; such foods get a small nudge up when the query does not
say otherwise."""

DEMOTED_GROUPS: dict[str, float] = {
    "03": 0.35,  # baby foods
    "21": 0.15,  # fast foods
    "22": 0.10,  # meals, entrees and side dishes (brand mixes)
    "25": 0.05,  # branded snacks
    "35": 0.20,  # American Indian / Alaska Native foods
    "36": 0.15,  # restaurant foods
}
"""USDA food groups (the first two digits of the NDB number) that a person typing a plain word
rarely means; the value is subtracted from the score."""

COMMON_FOODS: tuple[str, ...] = (
    "usda:09040",  # Bananas, raw
    "usda:09200",  # Oranges, raw, all commercial varieties
    "usda:09003",  # Apples, raw, with skin
    "usda:09037",  # Avocados, raw, all commercial varieties
    "usda:09206",  # Orange juice, raw
    "usda:09016",  # Apple juice, canned or bottled, unsweetened
    "usda:09316",  # Strawberries, raw
    "usda:09050",  # Blueberries, raw
    "usda:09132",  # Grapes, red or green, raw
    "usda:09326",  # Watermelon, raw
    "usda:09181",  # Melons, cantaloupe, raw
    "usda:09236",  # Peaches, raw
    "usda:09252",  # Pears, raw
    "usda:09266",  # Pineapple, raw, all varieties
    "usda:09298",  # Raisins, seedless
    "usda:09421",  # Dates, medjool
    "usda:09032",  # Apricots, dried
    "usda:09291",  # Plums, dried (prunes), uncooked
    "usda:01079",  # Milk, reduced fat, fluid, 2% milkfat
    "usda:01077",  # Milk, whole, 3.25% milkfat
    "usda:01117",  # Yogurt, plain, low fat
    "usda:01009",  # Cheese, cheddar
    "usda:01026",  # Cheese, mozzarella, whole milk
    "usda:01015",  # Cheese, cottage, lowfat, 2% milkfat
    "usda:01001",  # Butter, salted
    "usda:01123",  # Egg, whole, raw, fresh
    "usda:01129",  # Egg, whole, cooked, hard-boiled
    "usda:18069",  # Bread, white, commercially prepared
    "usda:18075",  # Bread, whole-wheat, commercially prepared
    "usda:20045",  # Rice, white, long-grain, regular, cooked
    "usda:20037",  # Rice, brown, long-grain, cooked
    "usda:08121",  # Cereals, oats, regular and quick, cooked with water
    "usda:20121",  # Spaghetti, cooked, enriched
    "usda:20137",  # Quinoa, cooked
    "usda:11674",  # Potatoes, baked, flesh and skin, without salt
    "usda:11508",  # Sweet potato, cooked, baked in skin, without salt
    "usda:11090",  # Broccoli, raw
    "usda:11124",  # Carrots, raw
    "usda:11529",  # Tomatoes, red, ripe, raw, year round average
    "usda:11457",  # Spinach, raw
    "usda:11233",  # Kale, raw
    "usda:11251",  # Lettuce, cos or romaine, raw
    "usda:11205",  # Cucumber, with peel, raw
    "usda:11143",  # Celery, raw
    "usda:11282",  # Onions, raw
    "usda:11215",  # Garlic, raw
    "usda:11260",  # Mushrooms, white, raw
    "usda:11821",  # Peppers, sweet, red, raw
    "usda:11313",  # Peas, green, frozen, cooked
    "usda:11168",  # Corn, sweet, yellow, cooked
    "usda:11212",  # Edamame, frozen, prepared
    "usda:16015",  # Beans, black, cooked
    "usda:16033",  # Beans, kidney, red, cooked
    "usda:16038",  # Beans, navy, cooked
    "usda:16050",  # Beans, white, cooked
    "usda:16057",  # Chickpeas, cooked, boiled, without salt
    "usda:16070",  # Lentils, cooked
    "usda:16426",  # Tofu, raw, firm
    "usda:16139",  # Soymilk, original and vanilla, with added calcium
    "usda:16098",  # Peanut butter, smooth style, with salt
    "usda:16390",  # Peanuts, dry-roasted, without salt
    "usda:12061",  # Nuts, almonds
    "usda:12085",  # Nuts, cashew nuts, dry roasted
    "usda:12155",  # Nuts, walnuts, english
    "usda:12036",  # Seeds, sunflower seed kernels, dried
    "usda:12014",  # Seeds, pumpkin and squash seed kernels, dried
    "usda:12119",  # Nuts, coconut water
    "usda:05064",  # Chicken breast, meat only, roasted
    "usda:23568",  # Beef, ground, 85% lean, cooked
    "usda:15237",  # Fish, salmon, Atlantic, farmed, cooked
    "usda:15121",  # Fish, tuna, light, canned in water
    "usda:15088",  # Fish, sardine, Atlantic, canned in oil
    "usda:15037",  # Fish, halibut, Atlantic and Pacific, cooked
    "usda:04053",  # Oil, olive
    "usda:19335",  # Sugars, granulated
    "usda:02047",  # Salt, table
    "usda:19296",  # Honey
    "usda:19120",  # Candies, milk chocolate
    "usda:19904",  # Chocolate, dark, 70-85% cacao solids
    "usda:14209",  # Coffee, brewed from grounds
    "usda:14355",  # Tea, brewed, prepared with tap water
    "usda:14411",  # Water, tap, drinking
    "usda:14400",  # Carbonated beverage, cola, contains caffeine
    "usda:14003",  # Alcoholic beverage, beer, regular, all
    "usda:14096",  # Alcoholic beverage, wine, table, red
    "usda:14106",  # Alcoholic beverage, wine, table, white
    "usda:11886",  # Tomato juice, canned, without salt added
    "usda:09279",  # Plums, raw
    "usda:13930",  # Beef, top sirloin, steak, separable lean and fat, trimmed to 1/8" fat, ...
    "usda:10093",  # Pork, fresh, composite of trimmed retail cuts (leg, loin, and shoulder), ...
    "usda:10124",  # Pork, cured, bacon, cooked, broiled, pan-fried or roasted
    "usda:07064",  # Pork sausage, fresh, cooked
    "usda:07029",  # Ham, sliced, regular (approximately 11% fat)
    "usda:07949",  # Frankfurter, meat, heated
    "usda:05168",  # Turkey, all classes, meat only, cooked, roasted
    "usda:15151",  # Crustaceans, shrimp, mixed species, cooked, moist heat
    "usda:20094",  # Pasta, fresh-refrigerated, plain, cooked
    "usda:06419",  # Soup, chicken noodle, canned, prepared with equal volume water
    "usda:21224",  # Pizza, cheese topping, regular crust, frozen, cooked
    "usda:21107",  # Fast foods, hamburger; single, regular patty; plain
    "usda:21089",  # Fast foods, cheeseburger; single, regular patty; plain
    "usda:21116",  # Fast foods, ham and cheese sandwich
    "usda:21138",  # Fast foods, potato, french fried in vegetable oil
    "usda:19411",  # Snacks, potato chips, plain, salted
    "usda:19034",  # Snacks, popcorn, air-popped
    "usda:19047",  # Snacks, pretzels, hard, plain, salted
    "usda:18228",  # Crackers, saltines (includes oyster, soda, soup)
    "usda:18001",  # Bagels, plain, enriched, with calcium propionate (includes onion, ...)
    "usda:18274",  # Muffins, blueberry, commercially prepared (Includes mini-muffins)
    "usda:18293",  # Pancakes, plain, prepared from recipe
    "usda:18365",  # Waffles, plain, frozen, ready-to-heat
    "usda:18159",  # Cookies, chocolate chip, commercially prepared, regular, higher fat, ...
    "usda:18141",  # Cake, yellow, commercially prepared, with vanilla frosting
    "usda:18248",  # Doughnuts, cake-type, plain (includes unsugared, old-fashioned)
    "usda:19095",  # Ice creams, vanilla
    "usda:01056",  # Cream, sour, cultured
    "usda:04025",  # Salad dressing, mayonnaise, soybean oil, with salt
    "usda:11935",  # Catsup
    "usda:11657",  # Potatoes, mashed, home-prepared, whole milk added
    "usda:14293",  # Lemonade, frozen concentrate, white, prepared with water
    "usda:14460",  # Sports drink, ... GATORADE, original, fruit-flavored, ready-to-drink
    "usda:14037",  # Alcoholic beverage, distilled, all (gin, rum, vodka, whiskey) 80 proof
)
"""Plain forms of foods people eat every day: searches for their words rank them first (the
list is hand-picked; each id is checked against the database by the tests)."""

DEFAULT_FOODS: dict[str, str] = {
    "steak": "usda:13930",  # Beef, top sirloin, steak, ... cooked, broiled
    "pork": "usda:10093",  # Pork, fresh, composite of trimmed retail cuts, ... cooked
    "bacon": "usda:10124",  # Pork, cured, bacon, cooked, broiled, pan-fried or roasted
    "sandwich": "usda:21116",  # Fast foods, ham and cheese sandwich
    "french fried potatoes": "usda:21138",  # Fast foods, potato, french fried in vegetable oil
    "cream": "usda:01050",  # Cream, fluid, light (coffee cream or table cream)
    "cookie": "usda:18159",  # Cookies, chocolate chip, commercially prepared
    "rice": "usda:20045",  # Rice, white, long-grain, regular, cooked
}
"""A word (or short phrase, after synonyms) → the food a person means by it alone, where the
ranking cannot tell: "steak" is a beef steak (not "Sauce, steak"), "bacon" is pork bacon (not
turkey bacon). Applies only when the whole query is that word; each id is checked by the tests."""

BEVERAGE_GROUP = "14"
"""USDA's food group "Beverages" (the first two digits of the NDB number): every food in it is
a drink, except its dry forms."""

DRINK_WORDS = frozenset(
    {
        "beverage",
        "bouillon",
        "broth",
        "buttermilk",
        "chowder",
        "cider",
        "cocoa",
        "coffee",
        "consomme",
        "drink",
        "eggnog",
        "formula",
        "juice",
        "kefir",
        "lemonade",
        "milk",
        "nectar",
        "punch",
        "shake",
        "smoothy",
        "soup",
        "soymilk",
        "stock",
        "tea",
        "water",
    }
)
"""Subjects (search.subject_words, stemmed) of foods that are drunk: milk, juices, soups,
coffee, tea, water, smoothies. "Milk, whole" and "Nuts, coconut water" are drinks; "Yogurt,
plain, whole milk" and "Candies, milk chocolate" are not (milk only qualifies them)."""

DRINK_HEAD_WORDS = frozenset({"juice", "drink", "beverage"})
"""Words that make a food a drink anywhere in its first part ("Vegetable juice cocktail")."""

DRY_FORM_WORDS = frozenset({"powder", "dry", "granule", "crystal", "leave", "mix", "tablet"})
"""Words of a drink's dry form (coffee powder, a soup mix): not a drink unless "prepared"."""

EVERYDAY_FOODS = (
    # leafy greens and vegetables
    "spinach",
    "chard, swiss",
    "kale",
    "collards",
    "beet greens",
    "turnip greens",
    "broccoli",
    "brussels sprouts",
    "asparagus",
    "artichokes",
    "okra",
    "potatoes",
    "potato, baked",
    "sweet potato",
    "squash, winter",
    "pumpkin, cooked",
    "carrots",
    "beets",
    "tomatoes, red",
    "tomato juice",
    "mushrooms",
    "peas, green",
    "corn, sweet",
    "edamame",
    "soybeans, green",
    "tofu",
    # legumes
    "beans, black",
    "beans, kidney",
    "beans, navy",
    "beans, pinto",
    "beans, white",
    "beans, great northern",
    "beans, baked",
    "lima beans",
    "lentils",
    "chickpeas",
    "peas, split",
    "peanut butter",
    "peanuts",
    "soymilk",
    # fruit
    "bananas",
    "avocados",
    "oranges",
    "orange juice",
    "kiwifruit",
    "mangos",
    "melons, cantaloupe",
    "watermelon",
    "apricots",
    "dates",
    "raisins",
    "plums, dried (prunes)",
    "figs, dried",
    "grapefruit",
    "strawberries",
    "papayas",
    "pomegranates",
    "apples",
    "pears",
    # nuts and seeds
    "nuts, almonds",
    "nuts, cashew nuts",
    "nuts, brazilnuts",
    "nuts, walnuts",
    "nuts, pistachio nuts",
    "nuts, hazelnuts",
    "seeds, pumpkin and squash seed kernels",
    "seeds, sunflower seed kernels",
    "seeds, chia seeds",
    "seeds, flaxseed",
    "seeds, sesame seeds",
    # dairy and eggs
    "milk, whole",
    "milk, reduced fat",
    "milk, lowfat",
    "milk, nonfat",
    "yogurt, plain",
    "yogurt, greek",
    "kefir",
    "cheese, cheddar",
    "cheese, mozzarella",
    "cheese, parmesan",
    "cheese, swiss",
    "cheese, cottage",
    "cheese, ricotta",
    "egg, whole",
    # fish and meat
    "fish, salmon",
    "fish, halibut",
    "fish, tuna",
    "fish, sardine",
    "fish, mackerel",
    "fish, cod",
    "fish, trout",
    "chicken, broilers or fryers, breast",
    "beef, ground",
    "pork, fresh, loin",
    # grains
    "rice, brown",
    "rice, white",
    "cereals, oats",
    "quinoa",
    "bread, whole-wheat",
    "buckwheat groats",
    "bulgur",
    "spaghetti, whole-wheat",
)
"""Name beginnings of whole foods most people know and can buy: "close the gap" suggestions
(:func:`nightcramps.foods.service.rich_in`) come only from these, so it offers cooked spinach
and beans rather than dock, purslane or cottonseed kernels."""
