//! Mail: parsing raw messages into Brev's model.
