//! The iced front end. The only place that imports iced.
